namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>The SenML CBOR labels (RFC 8428 §6, Table 6).</summary>
internal static class SenmlLabels
{
    public const int BaseVersion = -1;
    public const int BaseName = -2;
    public const int BaseTime = -3;
    public const int BaseUnit = -4;
    public const int BaseValue = -5;
    public const int BaseSum = -6;
    public const int Name = 0;
    public const int Unit = 1;
    public const int Value = 2;
    public const int StringValue = 3;
    public const int BooleanValue = 4;
    public const int Sum = 5;
    public const int Time = 6;
    public const int UpdateTime = 7;
    public const int DataValue = 8;

    /// <summary>LwM2M's object link value has no integer label: SenML CBOR uses the text "vlo" (Core §7.4.5).</summary>
    public const string ObjectLinkValue = "vlo";

    public static SenmlField FromLabel(long label) => label switch
    {
        BaseVersion => SenmlField.BaseVersion,
        BaseName => SenmlField.BaseName,
        BaseTime => SenmlField.BaseTime,
        BaseValue or BaseSum => SenmlField.Unsupported,
        Name => SenmlField.Name,
        Value => SenmlField.Value,
        StringValue => SenmlField.StringValue,
        BooleanValue => SenmlField.BooleanValue,
        Time => SenmlField.Time,
        DataValue => SenmlField.DataValue,
        _ => SenmlField.Ignored,
    };

    /// <summary>Identifies a JSON field name (or a CBOR text label) given as UTF-8.</summary>
    public static SenmlField FromName(ReadOnlySpan<byte> name) => name.Length switch
    {
        1 when name[0] == (byte)'n' => SenmlField.Name,
        1 when name[0] == (byte)'v' => SenmlField.Value,
        1 when name[0] == (byte)'t' => SenmlField.Time,
        2 when name.SequenceEqual("bn"u8) => SenmlField.BaseName,
        2 when name.SequenceEqual("bt"u8) => SenmlField.BaseTime,
        2 when name.SequenceEqual("vs"u8) => SenmlField.StringValue,
        2 when name.SequenceEqual("vb"u8) => SenmlField.BooleanValue,
        2 when name.SequenceEqual("vd"u8) => SenmlField.DataValue,
        2 when name.SequenceEqual("bv"u8) || name.SequenceEqual("bs"u8) => SenmlField.Unsupported,
        3 when name.SequenceEqual("vlo"u8) => SenmlField.ObjectLinkValue,
        4 when name.SequenceEqual("bver"u8) => SenmlField.BaseVersion,
        > 0 when name[^1] == (byte)'_' => SenmlField.MustUnderstand,
        _ => SenmlField.Ignored,
    };
}
