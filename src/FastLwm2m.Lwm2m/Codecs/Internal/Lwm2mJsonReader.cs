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
    private const int MaxObjectLinkLength = 16;

    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

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

        scoped var reader = new Utf8JsonReader(payload, Options);
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

                if (!SenmlJsonReader.TryCopyName(ref reader, baseName, "bn", 0, out int length, out error))
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
        reader = new Utf8JsonReader(payload, Options);
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
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    error = $"entry {state.Index.ToString(CultureInfo.InvariantCulture)}: an entry is a JSON object, not {reader.TokenType}";
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var field = Identify(ref reader);
                    if (!state.TryMarkSeen(field, out error))
                    {
                        return false;
                    }

                    reader.Read();
                    if (!TryReadField(ref reader, field, ref state, out error))
                    {
                        return false;
                    }
                }

                if (!state.TryEndRecord(out error))
                {
                    return false;
                }
            }

            break;
        }

        error = null;
        return true;
    }

    private static SenmlField Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("n"u8)) return SenmlField.Name;
        if (reader.ValueTextEquals("v"u8)) return SenmlField.Value;
        if (reader.ValueTextEquals("sv"u8)) return SenmlField.StringValue;
        if (reader.ValueTextEquals("bv"u8)) return SenmlField.BooleanValue;
        if (reader.ValueTextEquals("ov"u8)) return SenmlField.ObjectLinkValue;
        if (reader.ValueTextEquals("t"u8)) return SenmlField.Time;
        return SenmlField.Ignored;
    }

    private static bool TryReadField(ref Utf8JsonReader reader, SenmlField field, scoped ref SenmlRecordState state, out string? error)
    {
        error = null;
        string index = state.Index.ToString(CultureInfo.InvariantCulture);
        switch (field)
        {
            case SenmlField.Name:
                if (!SenmlJsonReader.TryCopyName(ref reader, state.NameBuffer, "n", state.Index, out int length, out error))
                {
                    return false;
                }

                state.SetNameLength(length);
                return true;

            case SenmlField.Time:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double seconds) || !double.IsFinite(seconds))
                {
                    error = $"entry {index}: t must be a number";
                    return false;
                }

                state.SetTime(seconds);
                return true;

            case SenmlField.Value:
                if (!SenmlJsonReader.TryReadNumber(ref reader, out var number))
                {
                    error = $"entry {index}: v must be a finite number";
                    return false;
                }

                state.Value = number;
                return true;

            case SenmlField.StringValue:
                if (reader.TokenType != JsonTokenType.String)
                {
                    error = $"entry {index}: sv must be a string";
                    return false;
                }

                state.Value = CompositeValue.FromString(reader.GetString()!);
                return true;

            case SenmlField.BooleanValue:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    error = $"entry {index}: bv must be true or false";
                    return false;
                }

                state.Value = CompositeValue.FromBoolean(reader.TokenType == JsonTokenType.True);
                return true;

            case SenmlField.ObjectLinkValue:
                Span<char> text = stackalloc char[MaxObjectLinkLength];
                if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > MaxObjectLinkLength
                    || !ObjectLink.TryParse(text[..reader.CopyString(text)], out var link))
                {
                    error = $"entry {index}: ov must be an object link \"objectId:instanceId\"";
                    return false;
                }

                state.Value = CompositeValue.FromObjectLink(link);
                return true;

            default:
                reader.Skip();
                return true;
        }
    }
}
