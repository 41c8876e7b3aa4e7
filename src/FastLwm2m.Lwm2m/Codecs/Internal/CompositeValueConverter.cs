namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Types a decoded value with the resource model (Core Appendix C): SenML and CBOR numbers carry no
/// integer/float distinction, so the model decides. A number with a fraction for an Integer,
/// UnsignedInteger or Time resource is an error, not a silent truncation. Without a model the value
/// keeps the type its encoding suggests (integral number: Integer, else Float).
/// </summary>
internal static class CompositeValueConverter
{
    /// <summary>2^63 as a double: the first value above the long range.</summary>
    private const double TwoPow63 = 9223372036854775808.0;

    /// <summary>2^64 as a double: the first value above the ulong range.</summary>
    private const double TwoPow64 = 18446744073709551616.0;

    public static bool TryConvert(in CompositeValue value, ResourceModel? model, Lwm2mPath path, out Lwm2mValue result, out string? error)
    {
        result = default;
        error = null;
        if (model is null)
        {
            result = Infer(value);
            return true;
        }

        switch (model.Type)
        {
            case ResourceType.String:
            case ResourceType.Corelnk:
                if (value.Kind != CompositeValueKind.String)
                {
                    return Mismatch(value, model, path, out error);
                }

                result = model.Type == ResourceType.String ? Lwm2mValue.FromString(value.String) : Lwm2mValue.FromCoreLink(value.String);
                return true;

            case ResourceType.Integer:
            case ResourceType.Time:
                if (!TryGetInt64(value, model, path, out long integer, out error))
                {
                    return false;
                }

                result = model.Type == ResourceType.Integer ? Lwm2mValue.FromInteger(integer) : Lwm2mValue.FromUnixTime(integer);
                return true;

            case ResourceType.UnsignedInteger:
                if (!TryGetUInt64(value, model, path, out ulong unsigned, out error))
                {
                    return false;
                }

                result = Lwm2mValue.FromUnsignedInteger(unsigned);
                return true;

            case ResourceType.Float:
                switch (value.Kind)
                {
                    case CompositeValueKind.Float: result = Lwm2mValue.FromFloat(value.Float); return true;
                    case CompositeValueKind.Integer: result = Lwm2mValue.FromFloat(value.Integer); return true;
                    case CompositeValueKind.UnsignedInteger: result = Lwm2mValue.FromFloat(value.UnsignedInteger); return true;
                    default: return Mismatch(value, model, path, out error);
                }

            case ResourceType.Boolean:
                if (value.Kind != CompositeValueKind.Boolean)
                {
                    return Mismatch(value, model, path, out error);
                }

                result = Lwm2mValue.FromBoolean(value.Boolean);
                return true;

            case ResourceType.Opaque:
                if (value.Kind == CompositeValueKind.Opaque)
                {
                    result = Lwm2mValue.FromOpaque(value.Opaque);
                    return true;
                }

                // LwM2M 1.0 JSON carries opaque as base64 text in "sv" (1.0 §6.4.4).
                if (value.Kind == CompositeValueKind.String && CompositeBase64.TryDecode(value.String, out byte[] bytes))
                {
                    result = Lwm2mValue.FromOpaque(bytes);
                    return true;
                }

                return Mismatch(value, model, path, out error);

            case ResourceType.Objlnk:
                if (value.Kind == CompositeValueKind.ObjectLink)
                {
                    result = Lwm2mValue.FromObjectLink(value.ObjectLink);
                    return true;
                }

                // LwM2M CBOR carries an object link as the text "3:0" (1.2 §7.4.7).
                if (value.Kind == CompositeValueKind.String && ObjectLink.TryParse(value.String, out var link))
                {
                    result = Lwm2mValue.FromObjectLink(link);
                    return true;
                }

                return Mismatch(value, model, path, out error);

            default:
                error = $"{path}: resource {model.Id} ({model.Name}) has no value type (executable), yet the payload gives it {value.Describe()}";
                return false;
        }
    }

    /// <summary>The type a value suggests when no model is known.</summary>
    public static Lwm2mValue Infer(in CompositeValue value) => value.Kind switch
    {
        CompositeValueKind.Integer => Lwm2mValue.FromInteger(value.Integer),
        CompositeValueKind.UnsignedInteger => Lwm2mValue.FromUnsignedInteger(value.UnsignedInteger),
        CompositeValueKind.Float => Lwm2mValue.FromFloat(value.Float),
        CompositeValueKind.Boolean => Lwm2mValue.FromBoolean(value.Boolean),
        CompositeValueKind.Opaque => Lwm2mValue.FromOpaque(value.Opaque),
        CompositeValueKind.ObjectLink => Lwm2mValue.FromObjectLink(value.ObjectLink),
        _ => Lwm2mValue.FromString(value.String),
    };

    private static bool TryGetInt64(in CompositeValue value, ResourceModel model, Lwm2mPath path, out long result, out string? error)
    {
        result = 0;
        error = null;
        switch (value.Kind)
        {
            case CompositeValueKind.Integer:
                result = value.Integer;
                return true;
            case CompositeValueKind.UnsignedInteger:
                error = $"{path}: {value.Describe()} is out of range for {Describe(model)} (signed 64-bit)";
                return false;
            case CompositeValueKind.Float:
                double d = value.Float;
                if (!double.IsFinite(d) || Math.Floor(d) != d)
                {
                    error = $"{path}: {Describe(model)} needs an integral number, not {value.Describe()}";
                    return false;
                }

                if (d < -TwoPow63 || d >= TwoPow63)
                {
                    error = $"{path}: {value.Describe()} is out of range for {Describe(model)} (signed 64-bit)";
                    return false;
                }

                result = (long)d;
                return true;
            default:
                return Mismatch(value, model, path, out error);
        }
    }

    private static bool TryGetUInt64(in CompositeValue value, ResourceModel model, Lwm2mPath path, out ulong result, out string? error)
    {
        result = 0;
        error = null;
        switch (value.Kind)
        {
            case CompositeValueKind.Integer when value.Integer >= 0:
                result = (ulong)value.Integer;
                return true;
            case CompositeValueKind.UnsignedInteger:
                result = value.UnsignedInteger;
                return true;
            case CompositeValueKind.Float when double.IsFinite(value.Float) && Math.Floor(value.Float) == value.Float:
                if (value.Float < 0 || value.Float >= TwoPow64)
                {
                    error = $"{path}: {value.Describe()} is out of range for {Describe(model)} (unsigned 64-bit)";
                    return false;
                }

                result = (ulong)value.Float;
                return true;
            case CompositeValueKind.Integer:
                error = $"{path}: {value.Describe()} is negative, but {Describe(model)} is unsigned";
                return false;
            case CompositeValueKind.Float:
                error = $"{path}: {Describe(model)} needs an integral number, not {value.Describe()}";
                return false;
            default:
                return Mismatch(value, model, path, out error);
        }
    }

    private static bool Mismatch(in CompositeValue value, ResourceModel model, Lwm2mPath path, out string? error)
    {
        error = $"{path}: {Describe(model)} cannot take {value.Describe()}";
        return false;
    }

    private static string Describe(ResourceModel model) => $"{model.Type} resource {model.Id} ({model.Name})";
}
