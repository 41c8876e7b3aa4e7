using System.Buffers;
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

        // First pass: the root link (rt="oma.lwm2m") gives the alternate path and the content
        // formats (Core §6.2.1.1). Everything is read from the payload's bytes: a Register
        // allocates only what the registration keeps.
        Span<byte> value = stackalloc byte[256];
        var reader = new LinkFormatReader(body);
        ReadOnlySpan<byte> root = "/"u8;
        while (reader.TryReadLink(out var link))
        {
            if (!link.TryGetParameter("rt"u8, out var rt) || !rt.TryCopyValueTo(value, out int rtLength) || !HasToken(value[..rtLength], "oma.lwm2m"u8))
            {
                continue;
            }

            root = link.Uri;
            if (root.IsEmpty || root[0] != (byte)'/')
            {
                error = $"invalid root path <{link.GetUriString()}>";
                return false;
            }

            // ct="60 110 112 11542" or ct=11543.
            if (link.TryGetParameter("ct"u8, out var ct))
            {
                if (!ct.TryCopyValueTo(value, out int ctLength) || !TryParseContentFormats(value[..ctLength], out var declared))
                {
                    error = $"invalid ct \"{ct.GetValueString()}\" on the root link";
                    return false;
                }

                formats = declared;
            }
        }

        if (reader.Status != LinkFormatStatus.End)
        {
            error = $"invalid link format: {reader.Error}";
            return false;
        }

        var prefix = root.Length > 1 && root[^1] == (byte)'/' ? root[..^1] : root.Length == 1 ? ReadOnlySpan<byte>.Empty : root;
        var objectEntries = ArrayPool<ulong>.Shared.Rent(64);
        var instanceEntries = ArrayPool<uint>.Shared.Rent(64);
        int objectCount = 0, instanceCount = 0;
        try
        {
            reader = new LinkFormatReader(body);
            while (reader.TryReadLink(out var link))
            {
                var uri = link.Uri;
                if (uri.SequenceEqual(root) && link.TryGetParameter("rt"u8, out _))
                {
                    continue;
                }

                if (!uri.StartsWith(prefix) || uri.Length <= prefix.Length + 1 || uri[prefix.Length] != (byte)'/')
                {
                    error = $"link <{link.GetUriString()}> is not under the root path {Encoding.UTF8.GetString(root)}";
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
                if (slash >= 0 && (!TryParseId(path[(slash + 1)..], out instanceId) || instanceId == 65535))
                {
                    error = $"link <{link.GetUriString()}> does not name an object instance";
                    return false;
                }

                var version = ObjectVersion.Default;
                bool hasVersion = link.TryGetParameter("ver"u8, out var ver);
                if (hasVersion && (!ver.TryCopyValueTo(value, out int verLength) || !TryParseVersion(value[..verLength], out version)))
                {
                    error = $"link <{link.GetUriString()}> has an invalid ver";
                    return false;
                }

                // Sorted later by object id, then "has ver", so the entry that names the version wins.
                Append(ref objectEntries, ref objectCount, ((ulong)objectId << 32) | (hasVersion ? 1UL << 16 : 0) | version.Packed);
                if (instanceId >= 0)
                {
                    Append(ref instanceEntries, ref instanceCount, ((uint)objectId << 16) | (uint)instanceId);
                }
            }

            if (reader.Status != LinkFormatStatus.End)
            {
                error = $"invalid link format: {reader.Error}";
                return false;
            }

            var sorted = objectEntries.AsSpan(0, objectCount);
            sorted.Sort();
            int distinct = 0;
            for (int i = 0; i < sorted.Length; i++)
            {
                if (i + 1 == sorted.Length || (sorted[i] >> 32) != (sorted[i + 1] >> 32))
                {
                    distinct++;
                }
            }

            objects = new int[distinct];
            for (int i = 0, o = 0; i < sorted.Length; i++)
            {
                if (i + 1 == sorted.Length || (sorted[i] >> 32) != (sorted[i + 1] >> 32))
                {
                    objects[o++] = (int)(((uint)(sorted[i] >> 32) << 16) | (ushort)sorted[i]);
                }
            }

            instances = instanceEntries.AsSpan(0, instanceCount).ToArray();
            rootPath = root.Length == 1 ? "/" : Encoding.UTF8.GetString(root);
            return true;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(objectEntries);
            ArrayPool<uint>.Shared.Return(instanceEntries);
        }
    }

    private static void Append<T>(ref T[] buffer, ref int count, T item)
    {
        if (count == buffer.Length)
        {
            var bigger = ArrayPool<T>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, count).CopyTo(bigger);
            ArrayPool<T>.Shared.Return(buffer);
            buffer = bigger;
        }

        buffer[count++] = item;
    }

    /// <summary>Whether a space-separated list (an <c>rt</c> value) contains <paramref name="token"/>.</summary>
    private static bool HasToken(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        foreach (var range in list.Split((byte)' '))
        {
            if (list[range].SequenceEqual(token))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryParseContentFormats(ReadOnlySpan<byte> list, out ContentFormatSupport formats)
    {
        formats = ContentFormatSupport.None;
        foreach (var range in list.Split((byte)' '))
        {
            var item = list[range];
            if (item.IsEmpty)
            {
                continue;
            }

            if (!Utf8Parser.TryParse(item, out uint id, out int used) || used != item.Length)
            {
                return false;
            }

            formats |= ContentFormatSupports.FromContentFormat(id);
        }

        return true;
    }

    private static bool TryParseVersion(ReadOnlySpan<byte> text, out ObjectVersion version)
    {
        version = default;
        int dot = text.IndexOf((byte)'.');
        if (dot <= 0 || dot == text.Length - 1
            || !Utf8Parser.TryParse(text[..dot], out byte major, out int usedMajor) || usedMajor != dot
            || !Utf8Parser.TryParse(text[(dot + 1)..], out byte minor, out int usedMinor) || usedMinor != text.Length - dot - 1)
        {
            return false;
        }

        version = new ObjectVersion(major, minor);
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
