using System.Formats.Cbor;
using System.Runtime.InteropServices;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Writes leaves as LwM2M CBOR (Core 1.2 §7.4.7) in plain nesting from the root:
/// <c>{3: {0: {9: 87, 11: {0: 0}}}}</c>, definite-length maps, one key per id (the collapsed
/// array keys the format allows are accepted when reading, not written). Values: integers,
/// floats in the shortest exact precision, text for String, Corelnk and Objlnk ("3:0"), byte
/// strings for Opaque, booleans, Time as an integer; null for a path without value; an empty map
/// for an empty container.
/// </summary>
internal static class Lwm2mCborWriter
{
    private static readonly Comparison<CompositeLeaf> ByPath = static (a, b) => a.Path.CompareTo(b.Path);

    /// <summary>Sorts the leaves and rejects a path given twice or inside another one.</summary>
    public static bool TryPrepare(List<CompositeLeaf> leaves, out string? error)
    {
        leaves.Sort(ByPath);
        for (int i = 1; i < leaves.Count; i++)
        {
            if (leaves[i].Path.StartsWith(leaves[i - 1].Path))
            {
                error = leaves[i].Path == leaves[i - 1].Path
                    ? $"{leaves[i].Path} appears twice"
                    : $"{leaves[i].Path} is inside {leaves[i - 1].Path}, which is also given";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>Writes sorted, non-overlapping leaves (see <see cref="TryPrepare"/>).</summary>
    public static void Write(CborWriter cbor, List<CompositeLeaf> leaves)
    {
        var span = CollectionsMarshal.AsSpan(leaves);
        if (span.Length == 1 && span[0].Path.IsRoot)
        {
            // The root has no id to key it: an empty path array does.
            cbor.WriteStartMap(1);
            cbor.WriteStartArray(0);
            cbor.WriteEndArray();
            WriteLeaf(cbor, span[0]);
            cbor.WriteEndMap();
            return;
        }

        WriteLevel(cbor, span, 0);
    }

    private static void WriteLevel(CborWriter cbor, ReadOnlySpan<CompositeLeaf> span, int level)
    {
        int count = 0;
        for (int i = 0; i < span.Length; count++)
        {
            i = GroupEnd(span, i, level);
        }

        cbor.WriteStartMap(count);
        for (int i = 0; i < span.Length;)
        {
            int end = GroupEnd(span, i, level);
            cbor.WriteUInt32((uint)CompositePathText.IdAt(span[i].Path, level));
            if (span[i].Path.Depth == level + 1)
            {
                WriteLeaf(cbor, span[i]); // non-overlapping: the only leaf of its group
            }
            else
            {
                WriteLevel(cbor, span[i..end], level + 1);
            }

            i = end;
        }

        cbor.WriteEndMap();
    }

    private static int GroupEnd(ReadOnlySpan<CompositeLeaf> span, int start, int level)
    {
        int id = CompositePathText.IdAt(span[start].Path, level);
        int end = start + 1;
        while (end < span.Length && CompositePathText.IdAt(span[end].Path, level) == id)
        {
            end++;
        }

        return end;
    }

    private static void WriteLeaf(CborWriter cbor, in CompositeLeaf leaf)
    {
        switch (leaf.Kind)
        {
            case CompositeLeafKind.PathOnly:
                cbor.WriteNull();
                break;
            case CompositeLeafKind.EmptyContainer:
                cbor.WriteStartMap(0);
                cbor.WriteEndMap();
                break;
            default:
                WriteValue(cbor, leaf.Value);
                break;
        }
    }

    private static void WriteValue(CborWriter cbor, in Lwm2mValue value)
    {
        switch (value.Type)
        {
            case ResourceType.String:
            case ResourceType.Corelnk:
                cbor.WriteTextString(value.AsString());
                break;
            case ResourceType.Integer:
                cbor.WriteInt64(value.AsInteger());
                break;
            case ResourceType.Time:
                cbor.WriteInt64(value.AsUnixTime());
                break;
            case ResourceType.UnsignedInteger:
                cbor.WriteUInt64(value.AsUnsignedInteger());
                break;
            case ResourceType.Float:
                SenmlCborRecordWriter.WriteFloat(cbor, value.AsFloat());
                break;
            case ResourceType.Boolean:
                cbor.WriteBoolean(value.AsBoolean());
                break;
            case ResourceType.Opaque:
                cbor.WriteByteString(value.AsOpaque());
                break;
            case ResourceType.Objlnk:
                Span<char> link = stackalloc char[16];
                cbor.WriteTextString(SenmlJsonRecordWriter.FormatLink(value.AsObjectLink(), link));
                break;
        }
    }
}
