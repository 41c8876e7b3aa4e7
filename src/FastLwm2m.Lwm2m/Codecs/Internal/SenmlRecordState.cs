using System.Globalization;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// The part of SenML resolution (RFC 8428 §4.6) that is the same in JSON and CBOR: base name and
/// base time carry over to later records; a record's name is bn + n, its time bt + t; each field at
/// most once per record. The readers feed fields in; <see cref="TryEndRecord"/> adds the resolved record.
/// </summary>
internal ref struct SenmlRecordState
{
    private readonly Span<char> _baseName;
    private readonly Span<char> _name;
    private readonly List<CompositeRecord> _records;
    private readonly TimeProvider _clock;
    private readonly CompositeTimeRule _timeRule;
    private readonly bool _prependSlash;
    private int _baseNameLength;
    private double _baseTime;
    private bool _hasBaseTime;
    private DateTimeOffset? _now;

    private int _nameLength;
    private double _time;
    private bool _hasTime;
    private uint _seen;

    /// <param name="baseName">Scratch of <see cref="CompositePathText.MaxNameLength"/> chars for bn.</param>
    /// <param name="name">Scratch of <see cref="CompositePathText.MaxNameLength"/> chars for n.</param>
    /// <param name="records">Where resolved records go.</param>
    /// <param name="clock">The clock relative times are resolved against (read at most once).</param>
    /// <param name="timeRule">How relative times are told from absolute ones.</param>
    /// <param name="prependSlash">LwM2M 1.0 JSON: a name without a leading '/' is taken from the root ("3/0/1").</param>
    public SenmlRecordState(Span<char> baseName, Span<char> name, List<CompositeRecord> records, TimeProvider clock, CompositeTimeRule timeRule, bool prependSlash)
    {
        _baseName = baseName;
        _name = name;
        _records = records;
        _clock = clock;
        _timeRule = timeRule;
        _prependSlash = prependSlash;
    }

    /// <summary>Index of the record being read (for messages).</summary>
    public int Index { get; private set; }

    /// <summary>The value of the current record.</summary>
    public CompositeValue Value { get; set; }

    /// <summary>Scratch for the base name; set its length with <see cref="SetBaseNameLength"/>.</summary>
    public readonly Span<char> BaseNameBuffer => _baseName;

    /// <summary>Scratch for the name; set its length with <see cref="SetNameLength"/>.</summary>
    public readonly Span<char> NameBuffer => _name;

    public void SetBaseNameLength(int length) => _baseNameLength = length;

    public void SetNameLength(int length) => _nameLength = length;

    public void SetBaseTime(double seconds)
    {
        _baseTime = seconds;
        _hasBaseTime = true;
    }

    public void SetTime(double seconds)
    {
        _time = seconds;
        _hasTime = true;
    }

    /// <summary>Sets the time (<see cref="SenmlField.Time"/>) or the base time (<see cref="SenmlField.BaseTime"/>).</summary>
    public void SetTime(SenmlField field, double seconds)
    {
        if (field == SenmlField.Time)
        {
            SetTime(seconds);
        }
        else
        {
            SetBaseTime(seconds);
        }
    }

    /// <summary>"record 3: vs must be a string", for a field of the current record that is not <paramref name="what"/>.</summary>
    public readonly string Expected(string field, string what) => Expected("record", field, what);

    /// <summary>As <see cref="Expected(string, string)"/>, with the word a format uses for a record ("entry" in LwM2M 1.0 JSON).</summary>
    public readonly string Expected(string record, string field, string what) =>
        $"{record} {Index.ToString(CultureInfo.InvariantCulture)}: {field} must be {what}";

    /// <summary>
    /// The error for a field that LwM2M's SenML rejects: <see cref="SenmlField.Unsupported"/> (bv, bs) or
    /// <see cref="SenmlField.MustUnderstand"/>, whose <paramref name="key"/> ("name" in JSON, "label" in CBOR) ends in '_'.
    /// </summary>
    public readonly string Rejected(SenmlField field, string key) => field == SenmlField.Unsupported
        ? $"record {Index.ToString(CultureInfo.InvariantCulture)}: base value and base sum (bv, bs) are not used by LwM2M"
        : $"record {Index.ToString(CultureInfo.InvariantCulture)}: unknown must-understand field ({key} ending in '_', RFC 8428 §4.4)";

    /// <summary>Notes that <paramref name="field"/> was seen; false if it already was in this record.</summary>
    public bool TryMarkSeen(SenmlField field, out string? error)
    {
        error = null;
        if (field == SenmlField.Ignored)
        {
            return true;
        }

        uint bit = 1u << (int)field;
        if ((_seen & bit) != 0)
        {
            error = $"record {Index.ToString(CultureInfo.InvariantCulture)}: field {field} appears twice";
            return false;
        }

        if (field is SenmlField.Value or SenmlField.StringValue or SenmlField.BooleanValue or SenmlField.DataValue or SenmlField.ObjectLinkValue
            && (_seen & ValueBits) != 0)
        {
            error = $"record {Index.ToString(CultureInfo.InvariantCulture)}: a record has at most one value (v, vs, vb, vd or vlo)";
            return false;
        }

        _seen |= bit;
        return true;
    }

    /// <summary>Resolves the record just read and adds it.</summary>
    public bool TryEndRecord(out string? error)
    {
        string index = Index.ToString(CultureInfo.InvariantCulture);
        int total = _baseNameLength + _nameLength;
        if (total == 0)
        {
            error = $"record {index} has no name (neither bn nor n)";
            return false;
        }

        Span<char> full = stackalloc char[2 * CompositePathText.MaxNameLength + 1];
        int length = 0;
        if (_prependSlash && (_baseNameLength > 0 ? _baseName[0] : _name[0]) != '/')
        {
            full[length++] = '/';
        }

        _baseName[.._baseNameLength].CopyTo(full[length..]);
        length += _baseNameLength;
        _name[.._nameLength].CopyTo(full[length..]);
        length += _nameLength;
        if (!Lwm2mPath.TryParse(full[..length], out var path, out string? pathError))
        {
            error = $"record {index}: name \"{full[..length]}\" is not an LwM2M path: {pathError}";
            return false;
        }

        DateTimeOffset? timestamp = null;
        if (_hasBaseTime || _hasTime)
        {
            double seconds = (_hasBaseTime ? _baseTime : 0) + (_hasTime ? _time : 0);
            if (!CompositeTime.TryResolve(seconds, _timeRule, _clock, ref _now, out var resolved))
            {
                error = $"record {index} ({path}): time {seconds.ToString("R", CultureInfo.InvariantCulture)} is out of range";
                return false;
            }

            timestamp = resolved;
        }

        _records.Add(new CompositeRecord(path.WithoutVersion, Value, timestamp));
        Index++;
        _nameLength = 0;
        _hasTime = false;
        _time = 0;
        _seen = 0;
        Value = CompositeValue.None;
        error = null;
        return true;
    }

    private const uint ValueBits =
        (1u << (int)SenmlField.Value) | (1u << (int)SenmlField.StringValue) | (1u << (int)SenmlField.BooleanValue)
        | (1u << (int)SenmlField.DataValue) | (1u << (int)SenmlField.ObjectLinkValue);
}
