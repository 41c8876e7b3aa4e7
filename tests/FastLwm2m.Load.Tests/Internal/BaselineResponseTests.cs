using FastLwm2m.Coap;
using FastLwm2m.Load.Internal;
using FastLwm2m.Load.Tests.TestSupport;

namespace FastLwm2m.Load.Tests.Internal;

public sealed class BaselineResponseTests
{
    private static readonly byte[] Token = [0xA1, 0xB2, 0xC3, 0xD4];

    private static byte[] Answer(byte[] request)
    {
        var response = new byte[BaselineResponse.MaxResponseBytes];
        int length = BaselineResponse.Write(request, response, locationSeed: 0x0123_4567_89AB_CDEF);
        return response[..length];
    }

    [Fact]
    public void Write_PostToRd_Answers201WithLocationPathRdAndTenChars()
    {
        byte[] answer = Answer(CoapMessages.Request(CoapCode.Post, 0x1234, Token, "rd"));

        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(answer, out var reader));
        Assert.Equal(CoapMessageType.Acknowledgement, reader.Type);
        Assert.Equal(CoapCode.Created, reader.Code);
        Assert.Equal(0x1234, reader.MessageId);
        Assert.Equal(Token, reader.Token.ToArray());
        var segments = new List<string>();
        foreach (var option in reader.Options)
        {
            Assert.Equal(CoapOptionNumber.LocationPath, option.Number);
            segments.Add(System.Text.Encoding.ASCII.GetString(option.Value));
        }

        Assert.Equal(2, segments.Count);
        Assert.Equal("rd", segments[0]);
        Assert.Equal(10, segments[1].Length);
    }

    [Fact]
    public void Write_PostToRdId_Answers204()
    {
        byte[] answer = Answer(CoapMessages.Request(CoapCode.Post, 7, Token, "rd", "abcdefghij"));

        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(answer, out var reader));
        Assert.Equal(CoapCode.Changed, reader.Code);
        Assert.Equal(7, reader.MessageId);
        Assert.True(reader.OptionBytes.IsEmpty);
    }

    [Fact]
    public void Write_Delete_Answers202()
    {
        byte[] answer = Answer(CoapMessages.Request(CoapCode.Delete, 8, Token, "rd", "abcdefghij"));

        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(answer, out var reader));
        Assert.Equal(CoapCode.Deleted, reader.Code);
    }

    [Fact]
    public void Write_Get_Answers404()
    {
        byte[] answer = Answer(CoapMessages.Request(CoapCode.Get, 9, Token, "3", "0"));

        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(answer, out var reader));
        Assert.Equal(CoapCode.NotFound, reader.Code);
    }

    [Fact]
    public void Write_Ping_AnswersReset()
    {
        var ping = new byte[4];
        CoapMessageWriter.WriteEmpty(ping, CoapMessageType.Confirmable, 0x4242);

        byte[] answer = Answer(ping);

        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(answer, out var reader));
        Assert.Equal(CoapMessageType.Reset, reader.Type);
        Assert.Equal(0x4242, reader.MessageId);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x40, 0x02 })]
    [InlineData(new byte[] { 0x60, 0x00, 0x00, 0x01 })]        // an ACK
    [InlineData(new byte[] { 0x50, 0x02, 0x00, 0x01 })]        // a NON
    [InlineData(new byte[] { 0x49, 0x02, 0x00, 0x01 })]        // token length 9
    [InlineData(new byte[] { 0x44, 0x02, 0x00, 0x01, 0xAA })]  // truncated token
    public void Write_AnythingButAConRequest_StaysSilent(byte[] datagram)
    {
        Assert.Empty(Answer(datagram));
    }

    [Fact]
    public void Write_TruncatedOptions_DoesNotReadOutOfBounds()
    {
        byte[] request = CoapMessages.Request(CoapCode.Post, 1, Token, "rd", "0123456789abcdef");
        for (int length = 8; length < request.Length; length++)
        {
            Answer(request[..length]);
        }
    }

    [Fact]
    public void LocationSeed_DiffersBetweenAddresses()
    {
        Assert.NotEqual(BaselineResponse.LocationSeed([1, 2, 3, 4]), BaselineResponse.LocationSeed([1, 2, 3, 5]));
    }
}
