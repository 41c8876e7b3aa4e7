using System.Buffers;
using System.Formats.Cbor;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Per-thread scratch objects for the composite codecs, so a decode or encode allocates only what it
/// returns: the record and leaf lists, a CBOR reader and writer. Each is taken for the duration of one
/// call (codecs never call back into user code while holding them) and dropped when it grew large,
/// so a thread never keeps more than <see cref="MaxKeptBytes"/> for a one-off big payload.
/// </summary>
internal static class CompositeCache
{
    /// <summary>The largest CBOR writer buffer kept per thread.</summary>
    private const int MaxKeptBytes = 64 * 1024;

    /// <summary>The longest list kept per thread (records and leaves are ~64 bytes each).</summary>
    private const int MaxKeptEntries = MaxKeptBytes / 64;

    [ThreadStatic] private static List<CompositeRecord>? t_records;
    [ThreadStatic] private static List<CompositeLeaf>? t_leaves;
    [ThreadStatic] private static CborWriter? t_writer;
    [ThreadStatic] private static CborReader? t_reader;

    public static List<CompositeRecord> RentRecords()
    {
        var list = t_records ?? new List<CompositeRecord>();
        t_records = null;
        return list;
    }

    public static void Return(List<CompositeRecord> list)
    {
        if (list.Count <= MaxKeptEntries)
        {
            list.Clear();
            t_records = list;
        }
    }

    public static List<CompositeLeaf> RentLeaves()
    {
        var list = t_leaves ?? new List<CompositeLeaf>();
        t_leaves = null;
        return list;
    }

    public static void Return(List<CompositeLeaf> list)
    {
        if (list.Count <= MaxKeptEntries)
        {
            list.Clear();
            t_leaves = list;
        }
    }

    /// <summary>A writer in lax mode (no duplicate-key tracking: the encoders never write duplicates).</summary>
    public static CborWriter RentWriter()
    {
        var writer = t_writer ?? new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: false);
        t_writer = null;
        writer.Reset();
        return writer;
    }

    public static void Return(CborWriter writer)
    {
        if (writer.BytesWritten <= MaxKeptBytes)
        {
            writer.Reset();
            t_writer = writer;
        }
    }

    /// <summary>Copies the written CBOR to <paramref name="output"/>.</summary>
    public static void CopyTo(CborWriter writer, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(writer.BytesWritten);
        int written = writer.Encode(span);
        output.Advance(written);
    }

    /// <summary>
    /// A reader over <paramref name="payload"/> in lax mode: duplicate keys are found by the decoders
    /// themselves, with messages that name the LwM2M path. The payload is copied to a pooled array,
    /// as <see cref="CborReader"/> reads from memory, not a span.
    /// </summary>
    public static CborReader RentReader(ReadOnlySpan<byte> payload, out byte[] pooled)
    {
        pooled = ArrayPool<byte>.Shared.Rent(Math.Max(payload.Length, 1));
        payload.CopyTo(pooled);
        var memory = new ReadOnlyMemory<byte>(pooled, 0, payload.Length);
        var reader = t_reader;
        t_reader = null;
        if (reader is null)
        {
            reader = new CborReader(memory, CborConformanceMode.Lax);
        }
        else
        {
            reader.Reset(memory);
        }

        return reader;
    }

    public static void Return(CborReader reader, byte[] pooled)
    {
        reader.Reset(ReadOnlyMemory<byte>.Empty);
        t_reader = reader;
        ArrayPool<byte>.Shared.Return(pooled);
    }
}
