using System.Formats.Cbor;
using System.Globalization;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Reads LwM2M CBOR (Content-Format 11544, Core 1.2 §7.4.7) into records with full paths: nested
/// maps keyed by ids, where a key may also be an array of ids that collapses several levels
/// (<c>{[3, 0]: {9: 87}}</c> is <c>{3: {0: {9: 87}}}</c>). A leaf is a value (at a resource or
/// resource instance), null (a path without value) or an empty map (an empty container).
/// Never throws on bad input.
/// </summary>
internal static class Lwm2mCborReader
{
    /// <summary>Maps nest at most once per id plus the root; empty-array keys could nest without bound.</summary>
    private const int MaxMapNesting = 8;

    private const int MaxDepth = 4;

    public static bool TryRead(ReadOnlySpan<byte> payload, List<CompositeRecord> records, out string? error)
    {
        var reader = CompositeCache.RentReader(payload, out byte[] pooled);
        try
        {
            if (reader.BytesRemaining == 0 || reader.PeekState() != CborReaderState.StartMap)
            {
                error = "LwM2M CBOR content is a map keyed by ids (Core 1.2 §7.4.7)";
                return false;
            }

            Span<int> ids = stackalloc int[MaxDepth];
            if (!TryReadMap(reader, ids, 0, 0, records, out _, out error))
            {
                return false;
            }

            if (reader.BytesRemaining != 0)
            {
                error = "data after the LwM2M CBOR map";
                return false;
            }

            return true;
        }
        catch (Exception e) when (CompositeFailure.IsMalformedInput(e))
        {
            error = CompositeFailure.Describe(e);
            return false;
        }
        finally
        {
            CompositeCache.Return(reader, pooled);
        }
    }

    private static bool TryReadMap(CborReader reader, Span<int> ids, int depth, int nesting, List<CompositeRecord> records, out bool empty, out string? error)
    {
        empty = true;
        if (nesting == MaxMapNesting)
        {
            error = $"maps nest deeper than {MaxMapNesting.ToString(CultureInfo.InvariantCulture)} levels";
            return false;
        }

        reader.ReadStartMap();
        while (reader.PeekState() != CborReaderState.EndMap)
        {
            empty = false;
            if (!TryReadKey(reader, ids, depth, out int childDepth, out error))
            {
                return false;
            }

            if (!CompositePathText.TryCreate(ids[..childDepth], out var path))
            {
                error = $"id out of range in path {Describe(ids[..childDepth])} (instances and resource instances go up to 65534)";
                return false;
            }

            switch (reader.PeekState())
            {
                case CborReaderState.StartMap:
                    if (childDepth == MaxDepth)
                    {
                        error = $"{path}: a resource instance holds a value, not a map";
                        return false;
                    }

                    if (!TryReadMap(reader, ids, childDepth, nesting + 1, records, out bool childEmpty, out error))
                    {
                        return false;
                    }

                    if (childEmpty && childDepth > 0)
                    {
                        records.Add(new CompositeRecord(path, CompositeValue.EmptyContainer, null));
                    }

                    break;

                case CborReaderState.Null:
                    reader.ReadNull();
                    records.Add(new CompositeRecord(path, CompositeValue.None, null));
                    break;

                default:
                    if (childDepth < 3)
                    {
                        error = $"{path}: only a resource or a resource instance has a value; an object or instance holds a map";
                        return false;
                    }

                    if (!CborValueReader.TryReadValue(reader, out var value, out string? valueError))
                    {
                        error = $"{path}: {valueError}";
                        return false;
                    }

                    records.Add(new CompositeRecord(path, value, null));
                    break;
            }
        }

        reader.ReadEndMap();
        error = null;
        return true;
    }

    /// <summary>Appends the ids of a key (an id or an array of ids) to <paramref name="ids"/>.</summary>
    private static bool TryReadKey(CborReader reader, Span<int> ids, int depth, out int childDepth, out string? error)
    {
        childDepth = depth;
        error = null;
        switch (reader.PeekState())
        {
            case CborReaderState.UnsignedInteger:
                return TryAppendId(reader, ids, ref childDepth, out error);

            case CborReaderState.StartArray:
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    if (reader.PeekState() != CborReaderState.UnsignedInteger)
                    {
                        error = $"a path array holds ids (unsigned integers), not {reader.PeekState()}";
                        return false;
                    }

                    if (!TryAppendId(reader, ids, ref childDepth, out error))
                    {
                        return false;
                    }
                }

                reader.ReadEndArray();
                return true;

            default:
                error = $"a key is an id or an array of ids, not {reader.PeekState()}";
                return false;
        }
    }

    private static bool TryAppendId(CborReader reader, Span<int> ids, ref int depth, out string? error)
    {
        ulong id = reader.ReadUInt64();
        if (depth == MaxDepth)
        {
            error = $"path {Describe(ids)}/{id.ToString(CultureInfo.InvariantCulture)} is deeper than a resource instance";
            return false;
        }

        if (id > ushort.MaxValue)
        {
            error = $"id {id.ToString(CultureInfo.InvariantCulture)} is out of range (0-65535)";
            return false;
        }

        ids[depth++] = (int)id;
        error = null;
        return true;
    }

    private static string Describe(ReadOnlySpan<int> ids)
    {
        var text = new System.Text.StringBuilder();
        foreach (int id in ids)
        {
            text.Append('/').Append(id.ToString(CultureInfo.InvariantCulture));
        }

        return text.Length == 0 ? "/" : text.ToString();
    }
}
