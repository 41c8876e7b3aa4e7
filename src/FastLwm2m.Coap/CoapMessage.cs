using System.Text;

namespace FastLwm2m.Coap;

/// <summary>
/// A CoAP message on the heap: what the request/response API of <see cref="CoapEndpoint"/>
/// takes and returns. The hot path (incoming requests) works on <see cref="CoapMessageReader"/>
/// views instead. Options are kept sorted by number (stable for repeated options).
/// </summary>
public sealed class CoapMessage
{
    private readonly List<CoapOptionValue> _options = new();

    /// <summary>Creates a message.</summary>
    public CoapMessage(CoapCode code, CoapMessageType type = CoapMessageType.Confirmable)
    {
        Code = code;
        Type = type;
    }

    /// <summary>Message type; requests default to CON.</summary>
    public CoapMessageType Type { get; set; }
    /// <summary>Method or response code.</summary>
    public CoapCode Code { get; set; }
    /// <summary>Message ID (assigned by the endpoint when sending).</summary>
    public ushort MessageId { get; set; }
    /// <summary>Token (assigned by the endpoint when sending a request).</summary>
    public CoapToken Token { get; set; }
    /// <summary>Payload (empty when none).</summary>
    public ReadOnlyMemory<byte> Payload { get; set; } = ReadOnlyMemory<byte>.Empty;
    /// <summary>Options in number order.</summary>
    public IReadOnlyList<CoapOptionValue> Options => _options;

    /// <summary>Creates a CON request.</summary>
    public static CoapMessage Request(CoapCode method, string? path = null)
    {
        var m = new CoapMessage(method);
        if (path is not null)
        {
            m.SetUriPath(path);
        }

        return m;
    }

    /// <summary>Adds an option, keeping number order (after existing options of the same number).</summary>
    public CoapMessage AddOption(ushort number, byte[] value)
    {
        int i = _options.Count;
        while (i > 0 && _options[i - 1].Number > number)
        {
            i--;
        }

        _options.Insert(i, new CoapOptionValue(number, value));
        return this;
    }

    /// <summary>Adds a uint option.</summary>
    public CoapMessage AddOption(ushort number, uint value) => AddOption(number, CoapOptionValue.EncodeUInt32(value));

    /// <summary>Adds a string option.</summary>
    public CoapMessage AddOption(ushort number, string value) => AddOption(number, Encoding.UTF8.GetBytes(value));

    /// <summary>Removes every option with the number.</summary>
    public CoapMessage RemoveOption(ushort number)
    {
        _options.RemoveAll(o => o.Number == number);
        return this;
    }

    /// <summary>Replaces every option with the number by one uint option.</summary>
    public CoapMessage SetOption(ushort number, uint value) => RemoveOption(number).AddOption(number, value);

    /// <summary>First option with the number.</summary>
    public bool TryGetOption(ushort number, out CoapOptionValue option)
    {
        foreach (var o in _options)
        {
            if (o.Number == number)
            {
                option = o;
                return true;
            }
        }

        option = default;
        return false;
    }

    /// <summary>First option with the number as uint, or null.</summary>
    public uint? GetUInt32(ushort number) => TryGetOption(number, out var o) ? o.AsUInt32() : null;

    /// <summary>Sets Uri-Path options from "a/b/c" (a leading '/' is ignored).</summary>
    public CoapMessage SetUriPath(string path)
    {
        RemoveOption(CoapOptionNumber.UriPath);
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            AddOption(CoapOptionNumber.UriPath, segment);
        }

        return this;
    }

    /// <summary>Adds a Uri-Query option ("ep=node1").</summary>
    public CoapMessage AddUriQuery(string query) => AddOption(CoapOptionNumber.UriQuery, query);

    /// <summary>The Uri-Path as "/a/b/c" ("/" when empty).</summary>
    public string UriPath => "/" + string.Join('/', _options.Where(o => o.Number == CoapOptionNumber.UriPath).Select(o => o.AsString()));

    /// <summary>The Uri-Query options.</summary>
    public IEnumerable<string> UriQueries => _options.Where(o => o.Number == CoapOptionNumber.UriQuery).Select(o => o.AsString());

    /// <summary>The Location-Path as "/a/b" ("/" when empty).</summary>
    public string LocationPath => "/" + string.Join('/', _options.Where(o => o.Number == CoapOptionNumber.LocationPath).Select(o => o.AsString()));

    /// <summary>Content-Format, or null.</summary>
    public uint? ContentFormat
    {
        get => GetUInt32(CoapOptionNumber.ContentFormat);
        set => SetOptionalUInt32(CoapOptionNumber.ContentFormat, value);
    }

    /// <summary>Accept, or null.</summary>
    public uint? Accept
    {
        get => GetUInt32(CoapOptionNumber.Accept);
        set => SetOptionalUInt32(CoapOptionNumber.Accept, value);
    }

    /// <summary>Observe, or null.</summary>
    public uint? Observe
    {
        get => GetUInt32(CoapOptionNumber.Observe);
        set => SetOptionalUInt32(CoapOptionNumber.Observe, value);
    }

    private void SetOptionalUInt32(ushort number, uint? value)
    {
        RemoveOption(number);
        if (value is { } v)
        {
            AddOption(number, v);
        }
    }

    /// <summary>The payload as UTF-8 text.</summary>
    public string PayloadText => Encoding.UTF8.GetString(Payload.Span);

    /// <summary>Upper bound of the encoded size.</summary>
    public int MaxEncodedSize()
    {
        int size = 4 + CoapToken.MaxLength + 1 + Payload.Length;
        foreach (var o in _options)
        {
            size += 5 + o.Value.Length;
        }

        return size;
    }

    /// <summary>Encodes into <paramref name="destination"/>; returns the length or -1 if it does not fit.</summary>
    public int WriteTo(Span<byte> destination)
    {
        var writer = new CoapMessageWriter(destination);
        writer.WriteHeader(Type, Code, MessageId, Token);
        foreach (var o in _options)
        {
            writer.WriteOption(o.Number, o.Value);
        }

        writer.WritePayload(Payload.Span);
        return writer.HasOverflowed ? -1 : writer.BytesWritten;
    }

    /// <summary>Encodes into a new array.</summary>
    public byte[] ToArray()
    {
        var buffer = new byte[MaxEncodedSize()];
        int n = WriteTo(buffer);
        return buffer.AsSpan(0, n).ToArray();
    }

    /// <summary>Copies a parsed message onto the heap.</summary>
    public static CoapMessage From(in CoapMessageReader reader)
    {
        var m = new CoapMessage(reader.Code, reader.Type)
        {
            MessageId = reader.MessageId,
            Token = new CoapToken(reader.Token),
            Payload = reader.Payload.ToArray(),
        };
        foreach (var o in reader.Options)
        {
            m._options.Add(new CoapOptionValue(o.Number, o.Value.ToArray()));
        }

        return m;
    }

    /// <summary>Parses a datagram; null if it is not a well-formed message.</summary>
    public static CoapMessage? TryDecode(ReadOnlySpan<byte> datagram) =>
        CoapMessageReader.TryParse(datagram, out var reader) == CoapParseStatus.Ok ? From(reader) : null;

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Type switch
        {
            CoapMessageType.Confirmable => "CON",
            CoapMessageType.NonConfirmable => "NON",
            CoapMessageType.Acknowledgement => "ACK",
            _ => "RST",
        });
        sb.Append(' ').Append(Code.Name).Append(" mid=").Append(MessageId).Append(" token=").Append(Token);
        foreach (var o in _options)
        {
            sb.Append(' ').Append(o.Number).Append('=').Append(Convert.ToHexStringLower(o.Value));
        }

        if (!Payload.IsEmpty)
        {
            sb.Append(" payload=").Append(Payload.Length).Append('B');
        }

        return sb.ToString();
    }
}
