namespace FastLwm2m.Coap.Tests.Codec;

public class CoapCodecAllocationTests
{
    // CON POST /rd/5a3f9c2e1b?lt=300, 8-byte token.
    private static readonly byte[] Update = Hex.Parse(
        "48 02 12 35 01 02 03 04 05 06 07 08 b2 72 64 0a 35 61 33 66 39 63 32 65 31 62 46 6c 74 3d 33 30 30");

    [Fact]
    public void ParseEnumerateAndWriteResponse_AfterWarmUp_AllocateZeroBytes()
    {
        var output = new byte[64];
        Assert.Equal(CoapParseStatus.Ok, CoapMessageReader.TryParse(Update, out _));
        int warmUp = Run(output, 1_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int result = Run(output, 10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(warmUp / 1_000 * 10_000, result);
    }

    private static int Run(byte[] output, int iterations)
    {
        int total = 0;
        Span<byte> path = stackalloc byte[64];
        for (int i = 0; i < iterations; i++)
        {
            if (CoapMessageReader.TryParse(Update, out var request) != CoapParseStatus.Ok)
            {
                return -1;
            }

            foreach (var option in request.Options)
            {
                total += option.Number + option.Value.Length;
            }

            total += request.CopyUriPath(path);
            total += request.TryGetOption(CoapOptionNumber.UriQuery, out var query) ? query.Length : 0;
            total += request.FindUnrecognizedCriticalOption();

            var writer = new CoapMessageWriter(output);
            writer.WriteHeader(CoapMessageType.Acknowledgement, CoapCode.Changed, request.MessageId, request.TokenValue);
            writer.WriteOption(CoapOptionNumber.LocationPath, "rd");
            writer.WriteOption(CoapOptionNumber.ContentFormat, 40u);
            writer.WritePayload(ReadOnlySpan<byte>.Empty);
            total += writer.BytesWritten;
        }

        return total;
    }
}
