using System.Globalization;
using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Reads a SenML JSON pack (RFC 8428 §5, LwM2M Core §7.4.5) into resolved records: an array of
/// objects with bn, bt, n, t and one of v, vs, vb, vd (base64url), vlo. Never throws on bad input.
/// </summary>
internal static class SenmlJsonReader
{
    public static bool TryRead(ReadOnlySpan<byte> payload, List<CompositeRecord> records, TimeProvider clock, out string? error)
    {
        try
        {
            return TryReadCore(payload, records, clock, out error);
        }
        catch (Exception e) when (CompositeFailure.IsMalformedInput(e))
        {
            error = CompositeFailure.Describe(e);
            return false;
        }
    }

    private static bool TryReadCore(ReadOnlySpan<byte> payload, List<CompositeRecord> records, TimeProvider clock, out string? error)
    {
        if (payload.IsEmpty)
        {
            error = "empty payload: a SenML JSON pack is an array of records (RFC 8428 §5)";
            return false;
        }

        scoped var reader = new Utf8JsonReader(payload, JsonRecordReader.Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            error = "a SenML JSON pack is an array of records (RFC 8428 §5)";
            return false;
        }

        Span<char> baseName = stackalloc char[CompositePathText.MaxNameLength];
        Span<char> name = stackalloc char[CompositePathText.MaxNameLength];
        var state = new SenmlRecordState(baseName, name, records, clock, CompositeTimeRule.Senml, prependSlash: false);
        while (true)
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                break;
            }

            if (!JsonRecordReader.TryReadRecord<Fields>(ref reader, ref state, out error))
            {
                return false;
            }
        }

        if (reader.Read())
        {
            error = "data after the SenML pack";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>SenML JSON's field names (RFC 8428 §4.1-4.3, Core §7.4.5), identified by <see cref="SenmlLabels.FromName"/>.</summary>
    private readonly struct Fields : IJsonRecordFields
    {
        public static string Record => "record";

        public static string ARecord => "a record";

        public static SenmlField Identify(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped)
            {
                return SenmlLabels.FromName(reader.ValueSpan);
            }

            Span<byte> unescaped = stackalloc byte[32];
            return reader.ValueSpan.Length <= unescaped.Length
                ? SenmlLabels.FromName(unescaped[..reader.CopyString(unescaped)])
                : SenmlField.Ignored;
        }

        public static string NameOf(SenmlField field) => field switch
        {
            SenmlField.BaseName => "bn",
            SenmlField.BaseTime => "bt",
            SenmlField.BaseVersion => "bver",
            SenmlField.Name => "n",
            SenmlField.Time => "t",
            SenmlField.Value => "v",
            SenmlField.StringValue => "vs",
            SenmlField.BooleanValue => "vb",
            SenmlField.DataValue => "vd",
            SenmlField.ObjectLinkValue => "vlo",
            _ => field.ToString(),
        };
    }
}
