using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using FastLwm2m.Coap;
using FastLwm2m.Coap.LinkFormat;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// Validates Register and Update requests (LwM2M 1.1 Core §6.2.1-6.2.2, Transport §6.2):
/// the query parameters and the link-format object list. A failure returns a diagnostic that
/// the handler sends back with 4.00.
/// </summary>
public static class RegistrationRequestParser
{
    /// <summary>Parses a Register request (<c>POST /rd?ep=...</c>).</summary>
    public static bool TryParseRegister(in CoapMessageReader request, ReadOnlySpan<byte> body, RegistrationOptions options,
        out RegistrationParameters? parameters, out string? error)
    {
        parameters = null;
        if (!TryParseQuery(request, register: true, options, out var q, out error))
        {
            return false;
        }

        if (q.Endpoint is null)
        {
            error = "missing endpoint client name (ep)";
            return false;
        }

        if (!TryParseObjects(request, body, required: true, out var objects, out var instances, out var rootPath, out var formats, out error))
        {
            return false;
        }

        var version = q.Version ?? Lwm2mVersion.V1_0;
        bool queue = q.QueueFlag || (q.Binding is { } b && (b & BindingMode.Q) != 0);
        parameters = new RegistrationParameters
        {
            Endpoint = q.Endpoint,
            LifetimeSeconds = q.Lifetime,
            Version = version,
            Binding = q.Binding,
            QueueMode = queue,
            SmsNumber = q.Sms,
            RootPath = rootPath,
            Objects = objects,
            Instances = instances,
            ContentFormats = formats,
        };
        return true;
    }

    /// <summary>
    /// Parses an Update request (<c>POST /rd/{id}</c>). Returns true with null parameters when the
    /// request changes nothing (the common case, allocation-free).
    /// </summary>
    public static bool TryParseUpdate(in CoapMessageReader request, ReadOnlySpan<byte> body, RegistrationOptions options,
        out RegistrationParameters? parameters, out string? error)
    {
        parameters = null;
        error = null;
        bool hasQuery = request.HasOption(CoapOptionNumber.UriQuery);
        if (!hasQuery && body.IsEmpty)
        {
            return true;
        }

        if (!TryParseQuery(request, register: false, options, out var q, out error))
        {
            return false;
        }

        int[]? objects = null;
        uint[]? instances = null;
        string? rootPath = null;
        ContentFormatSupport? formats = null;
        if (!body.IsEmpty && !TryParseObjects(request, body, required: false, out objects, out instances, out rootPath, out formats, out error))
        {
            return false;
        }

        bool? queue = q.QueueFlag ? true : q.Binding is { } b ? (b & BindingMode.Q) != 0 : null;
        parameters = new RegistrationParameters
        {
            LifetimeSeconds = q.Lifetime,
            Binding = q.Binding,
            QueueMode = queue,
            SmsNumber = q.Sms,
            RootPath = rootPath,
            Objects = objects,
            Instances = instances,
            ContentFormats = formats,
        };
        return true;
    }

    private struct Query
    {
        public string? Endpoint;
        public uint? Lifetime;
        public Lwm2mVersion? Version;
        public BindingMode? Binding;
        public string? Sms;
        public bool QueueFlag;
    }

    private static bool TryParseQuery(in CoapMessageReader request, bool register, RegistrationOptions options, out Query q, out string? error)
    {
        q = default;
        error = null;
        foreach (var option in request.Options)
        {
            if (option.Number != CoapOptionNumber.UriQuery)
            {
                continue;
            }

            var item = option.Value;
            int eq = item.IndexOf((byte)'=');
            var key = eq < 0 ? item : item[..eq];
            var value = eq < 0 ? ReadOnlySpan<byte>.Empty : item[(eq + 1)..];

            if (key.SequenceEqual("ep"u8))
            {
                if (!register)
                {
                    error = "ep is not allowed in an Update";
                    return false;
                }

                if (q.Endpoint is not null || value.IsEmpty || value.Length > options.MaxEndpointNameBytes || !Utf8.IsValid(value))
                {
                    error = q.Endpoint is not null ? "ep given twice" : $"invalid endpoint client name (ep): empty, not UTF-8 or longer than {options.MaxEndpointNameBytes} bytes";
                    return false;
                }

                q.Endpoint = Encoding.UTF8.GetString(value);
            }
            else if (key.SequenceEqual("lt"u8))
            {
                if (q.Lifetime is not null || !Utf8Parser.TryParse(value, out uint lt, out int used) || used != value.Length || lt < options.MinLifetimeSeconds)
                {
                    error = $"invalid lifetime (lt): must be an integer of at least {options.MinLifetimeSeconds} seconds";
                    return false;
                }

                q.Lifetime = lt;
            }
            else if (key.SequenceEqual("lwm2m"u8))
            {
                if (!register)
                {
                    error = "lwm2m is not allowed in an Update";
                    return false;
                }

                if (q.Version is not null || !Lwm2mVersions.TryParse(value, out var version))
                {
                    error = $"unsupported LwM2M version (lwm2m={Encoding.UTF8.GetString(value)}): supported are 1.0, 1.1, 1.2";
                    return false;
                }

                q.Version = version;
            }
            else if (key.SequenceEqual("b"u8))
            {
                if (q.Binding is not null || !BindingModes.TryParse(value, out var binding))
                {
                    error = $"invalid binding (b={Encoding.UTF8.GetString(value)}): letters U, T, S, N, Q, each once";
                    return false;
                }

                q.Binding = binding;
            }
            else if (key.SequenceEqual("sms"u8))
            {
                q.Sms = Encoding.UTF8.GetString(value);
            }
            else if (key.SequenceEqual("Q"u8))
            {
                if (eq >= 0)
                {
                    error = "the queue mode parameter Q takes no value";
                    return false;
                }

                q.QueueFlag = true;
            }

            // Other parameters are ignored, as LwM2M 1.1 allows extensions (e.g. "apn").
        }

        return true;
    }

    private static bool TryParseObjects(in CoapMessageReader request, ReadOnlySpan<byte> body, bool required,
        out int[]? objects, out uint[]? instances, out string? rootPath, out ContentFormatSupport? formats, out string? error)
    {
        objects = null;
        instances = null;
        rootPath = null;
        formats = null;
        error = null;

        if (request.TryGetUInt32(CoapOptionNumber.ContentFormat, out uint cf) && cf != CoapContentFormat.LinkFormat)
        {
            error = $"the object list must be application/link-format (40), got content format {cf}";
            return false;
        }

        if (body.IsEmpty)
        {
            if (required)
            {
                error = "missing object list (link-format payload)";
                return false;
            }

            return true;
        }

        // First pass: the root link (rt="oma.lwm2m") gives the alternate path (Core §6.2.1.1).
        var reader = new LinkFormatReader(body);
        string root = "/";
        while (reader.TryReadLink(out var link))
        {
            if (link.TryGetParameter("rt"u8, out var rt) && rt.GetValueString() is { } rtValue && rtValue.Split(' ').Contains("oma.lwm2m"))
            {
                root = link.GetUriString();
                if (!root.StartsWith('/'))
                {
                    error = $"invalid root path <{root}>";
                    return false;
                }

                // ct="60 110 112 11542" or ct=11543 (Core §6.2.1.1).
                if (link.TryGetParameter("ct"u8, out var ct) && ct.GetValueString() is { } ctText)
                {
                    var declared = ContentFormatSupport.None;
                    foreach (var item in ctText.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!uint.TryParse(item, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint id))
                        {
                            error = $"invalid ct \"{ctText}\" on the root link";
                            return false;
                        }

                        declared |= ContentFormatSupports.FromContentFormat(id);
                    }

                    formats = declared;
                }
            }
        }

        if (reader.Status != LinkFormatStatus.End)
        {
            error = $"invalid link format: {reader.Error}";
            return false;
        }

        var objectVersions = new SortedDictionary<int, ushort>();
        var instanceList = new List<uint>();
        reader = new LinkFormatReader(body);
        var prefix = Encoding.UTF8.GetBytes(root.TrimEnd('/'));
        while (reader.TryReadLink(out var link))
        {
            var uri = link.Uri;
            if (link.TryGetParameter("rt"u8, out _) && Encoding.UTF8.GetString(uri) == root)
            {
                continue;
            }

            if (!uri.StartsWith(prefix) || uri.Length <= prefix.Length + 1 || uri[prefix.Length] != (byte)'/')
            {
                error = $"link <{link.GetUriString()}> is not under the root path {root}";
                return false;
            }

            var path = uri[(prefix.Length + 1)..];
            int slash = path.IndexOf((byte)'/');
            var objectPart = slash < 0 ? path : path[..slash];
            if (!TryParseId(objectPart, out int objectId))
            {
                error = $"link <{link.GetUriString()}> does not name an object";
                return false;
            }

            int instanceId = -1;
            if (slash >= 0)
            {
                var instancePart = path[(slash + 1)..];
                if (!TryParseId(instancePart, out instanceId) || instanceId == 65535)
                {
                    error = $"link <{link.GetUriString()}> does not name an object instance";
                    return false;
                }
            }

            var version = ObjectVersion.Default;
            if (link.TryGetParameter("ver"u8, out var ver))
            {
                if (ver.GetValueString() is not { } verText || !ObjectVersion.TryParse(verText, out version))
                {
                    error = $"link <{link.GetUriString()}> has an invalid ver";
                    return false;
                }
            }

            if (!objectVersions.TryGetValue(objectId, out ushort known) || (ver.HasValue && known == ObjectVersion.Default.Packed))
            {
                objectVersions[objectId] = version.Packed;
            }

            if (instanceId >= 0)
            {
                instanceList.Add(((uint)objectId << 16) | (uint)instanceId);
            }
        }

        if (reader.Status != LinkFormatStatus.End)
        {
            error = $"invalid link format: {reader.Error}";
            return false;
        }

        objects = objectVersions.Select(kv => (kv.Key << 16) | kv.Value).ToArray();
        instances = instanceList.ToArray();
        rootPath = root;
        return true;
    }

    private static bool TryParseId(ReadOnlySpan<byte> text, out int id)
    {
        id = 0;
        if (text.IsEmpty || text.Length > 5 || (text.Length > 1 && text[0] == (byte)'0'))
        {
            return false;
        }

        foreach (byte c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            id = (id * 10) + (c - '0');
        }

        return id <= 65535;
    }
}
