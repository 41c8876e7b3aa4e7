using System.Globalization;
using System.Text.Json;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Reads LwM2M 1.0 JSON (Content-Format 11543, LwM2M 1.0 §6.4.4) into resolved records:
/// <c>{"bn":"/3/0/","bt":…,"e":[{"n":"0","sv":"…"},{"n":"9","v":87,"t":-5},…]}</c> with
/// v (number), sv (string; base64 for opaque), bv (boolean), ov (object link "3:0"). The root keys
/// may come in any order ("bt" after "e" is common), so a first pass reads bn and bt and a second
/// the entries. A name without a leading '/' is taken from the root ("3/0/1"). Never throws.
/// </summary>
internal static class Lwm2mJsonReader
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
        Span<char> baseName = stackalloc char[CompositePathText.MaxNameLength];
        Span<char> name = stackalloc char[CompositePathText.MaxNameLength];
        var state = new SenmlRecordState(baseName, name, records, clock, CompositeTimeRule.Lwm2mJson, prependSlash: true);

        // Pass 1: the root's bn and bt, and that there is one "e" array.
        if (payload.IsEmpty)
        {
            error = "empty payload: LwM2M JSON content is an object {\"bn\":…,\"e\":[…]} (LwM2M 1.0 §6.4.4)";
            return false;
        }

        scoped var reader = new Utf8JsonReader(payload, JsonRecordReader.Options);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            error = "LwM2M JSON content is an object {\"bn\":…,\"e\":[…]} (LwM2M 1.0 §6.4.4)";
            return false;
        }

        bool hasBaseName = false;
        bool hasBaseTime = false;
        bool hasEntries = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("bn"u8))
            {
                reader.Read();
                if (hasBaseName)
                {
                    error = "bn appears twice";
                    return false;
                }

                if (!JsonRecordReader.TryCopyName(ref reader, baseName, "bn", 0, out int length, out error))
                {
                    return false;
                }

                hasBaseName = true;
                state.SetBaseNameLength(length);
            }
            else if (reader.ValueTextEquals("bt"u8))
            {
                reader.Read();
                if (hasBaseTime || reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double baseTime) || !double.IsFinite(baseTime))
                {
                    error = hasBaseTime ? "bt appears twice" : "bt must be a number";
                    return false;
                }

                hasBaseTime = true;
                state.SetBaseTime(baseTime);
            }
            else if (reader.ValueTextEquals("e"u8))
            {
                reader.Read();
                if (hasEntries || reader.TokenType != JsonTokenType.StartArray)
                {
                    error = hasEntries ? "e appears twice" : "e must be an array of entries";
                    return false;
                }

                hasEntries = true;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            error = "data after the LwM2M JSON object";
            return false;
        }

        if (!hasEntries)
        {
            error = "LwM2M JSON content needs an \"e\" array of entries (LwM2M 1.0 §6.4.4)";
            return false;
        }

        // Pass 2: the entries.
        reader = new Utf8JsonReader(payload, JsonRecordReader.Options);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isEntries = reader.ValueTextEquals("e"u8);
            reader.Read();
            if (!isEntries)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (!JsonRecordReader.TryReadRecord<Fields>(ref reader, ref state, out error))
                {
                    return false;
                }
            }

            break;
        }

        error = null;
        return true;
    }

    /// <summary>The field names of an LwM2M 1.0 JSON entry (§6.4.4): n, t, v, sv, bv, ov; any other is skipped.</summary>
    private readonly struct Fields : IJsonRecordFields
    {
        public static string Record => "entry";

        public static string ARecord => "an entry";

        public static SenmlField Identify(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("n"u8)) return SenmlField.Name;
            if (reader.ValueTextEquals("v"u8)) return SenmlField.Value;
            if (reader.ValueTextEquals("sv"u8)) return SenmlField.StringValue;
            if (reader.ValueTextEquals("bv"u8)) return SenmlField.BooleanValue;
            if (reader.ValueTextEquals("ov"u8)) return SenmlField.ObjectLinkValue;
            if (reader.ValueTextEquals("t"u8)) return SenmlField.Time;
            return SenmlField.Ignored;
        }

        public static string NameOf(SenmlField field) => field switch
        {
            SenmlField.Name => "n",
            SenmlField.Time => "t",
            SenmlField.Value => "v",
            SenmlField.StringValue => "sv",
            SenmlField.BooleanValue => "bv",
            SenmlField.ObjectLinkValue => "ov",
            _ => field.ToString(),
        };
    }
}
