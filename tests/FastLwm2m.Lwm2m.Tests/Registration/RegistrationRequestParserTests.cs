using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Tests.Registration;

public class RegistrationRequestParserTests
{
    private static readonly RegistrationOptions Options = new();

    private static (bool Ok, RegistrationParameters? Parameters, string? Error) Register(string payload, params string[] queries)
    {
        var m = CoapMessage.Request(CoapCode.Post, "rd");
        foreach (var q in queries)
        {
            m.AddUriQuery(q);
        }

        m.ContentFormat = CoapContentFormat.LinkFormat;
        m.Payload = System.Text.Encoding.UTF8.GetBytes(payload);
        var bytes = m.ToArray();
        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(bytes, out var reader));
        bool ok = RegistrationRequestParser.TryParseRegister(reader, reader.Payload, Options, out var p, out var e);
        return (ok, p, e);
    }

    [Fact]
    public void Lwm2m11Register_WithVersionsAndRoot_IsParsed()
    {
        var (ok, p, error) = Register("</>;rt=\"oma.lwm2m\";ct=11543,</1>;ver=1.1,</1/0>,</3>;ver=1.2,</3/0>,</5/0>,</19/0>,</19/1>", "ep=node1", "lt=300", "lwm2m=1.1", "b=U");

        Assert.True(ok, error);
        Assert.Equal("node1", p!.Endpoint);
        Assert.Equal(300u, p.LifetimeSeconds);
        Assert.Equal(Lwm2mVersion.V1_1, p.Version);
        Assert.Equal(BindingMode.U, p.Binding);
        Assert.False(p.QueueMode);
        Assert.Equal("/", p.RootPath);
        Assert.Equal([(1 << 16) | 0x0101, (3 << 16) | 0x0102, (5 << 16) | 0x0100, (19 << 16) | 0x0100], p.Objects!);
        Assert.Equal(5, p.Instances!.Length);
    }

    [Fact]
    public void Lwm2m10Register_WithAlternatePathAndUqBinding_IsQueueMode()
    {
        var (ok, p, error) = Register("</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/0>,</lwm2m/3/0>", "ep=old", "b=UQ");

        Assert.True(ok, error);
        Assert.Equal(Lwm2mVersion.V1_0, p!.Version);
        Assert.Equal("/lwm2m", p.RootPath);
        Assert.True(p.QueueMode);
        Assert.Equal(2, p.Objects!.Length);
    }

    [Fact]
    public void QParameter_MeansQueueMode() =>
        Assert.True(Register("</1/0>", "ep=q", "lwm2m=1.1", "Q").Parameters!.QueueMode);

    [Theory]
    [InlineData("lt=300", "missing endpoint client name (ep)")]
    [InlineData("ep=", "invalid endpoint client name")]
    [InlineData("ep=a|lwm2m=2.0", "unsupported LwM2M version (lwm2m=2.0)")]
    [InlineData("ep=a|lwm2m=1.3", "unsupported LwM2M version")]
    [InlineData("ep=a|lt=abc", "invalid lifetime (lt)")]
    [InlineData("ep=a|lt=0", "invalid lifetime (lt)")]
    [InlineData("ep=a|b=X", "invalid binding (b=X)")]
    [InlineData("ep=a|b=UU", "invalid binding")]
    [InlineData("ep=a|ep=b", "ep given twice")]
    [InlineData("ep=a|Q=1", "takes no value")]
    public void InvalidQuery_IsRejectedWithADiagnostic(string queries, string expected)
    {
        var (ok, _, error) = Register("</1/0>", queries.Split('|'));
        Assert.False(ok);
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("", "missing object list")]
    [InlineData("</1/0", "invalid link format")]
    [InlineData("</a/0>", "does not name an object")]
    [InlineData("</1/x>", "does not name an object instance")]
    [InlineData("</1/0/5>", "does not name an object instance")]
    [InlineData("</70000>", "does not name an object")]
    [InlineData("</3>;ver=one", "invalid ver")]
    [InlineData("</lwm2m>;rt=\"oma.lwm2m\",</1/0>", "not under the root path")]
    public void InvalidPayload_IsRejectedWithADiagnostic(string payload, string expected)
    {
        var (ok, _, error) = Register(payload, "ep=a");
        Assert.False(ok);
        Assert.Contains(expected, error);
    }

    [Fact]
    public void WrongContentFormat_IsRejected()
    {
        var m = CoapMessage.Request(CoapCode.Post, "rd").AddUriQuery("ep=a");
        m.ContentFormat = CoapContentFormat.Json;
        m.Payload = "</1/0>"u8.ToArray();
        var bytes = m.ToArray();
        CoapMessageReader.TryParse(bytes, out var reader);

        Assert.False(RegistrationRequestParser.TryParseRegister(reader, reader.Payload, Options, out _, out var error));
        Assert.Contains("link-format (40)", error);
    }

    [Fact]
    public void EmptyUpdate_ChangesNothing()
    {
        var bytes = CoapMessage.Request(CoapCode.Post, "rd/abc").ToArray();
        CoapMessageReader.TryParse(bytes, out var reader);

        Assert.True(RegistrationRequestParser.TryParseUpdate(reader, reader.Payload, Options, out var p, out _));
        Assert.Null(p);
    }

    [Fact]
    public void UpdateWithLifetimeAndObjects_IsParsed()
    {
        var m = CoapMessage.Request(CoapCode.Post, "rd/abc").AddUriQuery("lt=60").AddUriQuery("b=UQ");
        m.Payload = "</3/0>,</6/0>"u8.ToArray();
        var bytes = m.ToArray();
        CoapMessageReader.TryParse(bytes, out var reader);

        Assert.True(RegistrationRequestParser.TryParseUpdate(reader, reader.Payload, Options, out var p, out var error), error);
        Assert.Equal(60u, p!.LifetimeSeconds);
        Assert.True(p.QueueMode);
        Assert.Equal(2, p.Objects!.Length);
    }

    [Fact]
    public void EndpointInAnUpdate_IsRejected()
    {
        var bytes = CoapMessage.Request(CoapCode.Post, "rd/abc").AddUriQuery("ep=x").ToArray();
        CoapMessageReader.TryParse(bytes, out var reader);
        Assert.False(RegistrationRequestParser.TryParseUpdate(reader, reader.Payload, Options, out _, out _));
    }
}
