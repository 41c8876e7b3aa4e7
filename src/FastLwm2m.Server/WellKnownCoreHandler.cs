using FastLwm2m.Coap;

namespace FastLwm2m.Server;

/// <summary>Serves /.well-known/core (RFC 6690 §4); everything else is 4.04 until the LwM2M interfaces land.</summary>
internal sealed class WellKnownCoreHandler : ICoapRequestHandler
{
    private static readonly byte[] Links = "</rd>;rt=\"core.rd\";ct=40"u8.ToArray();

    public void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response)
    {
        Span<byte> path = stackalloc byte[64];
        int n = request.Message.CopyUriPath(path);
        if (request.Method == CoapCode.Get && n >= 0 && path[..n].SequenceEqual(".well-known/core"u8))
        {
            response.SetCode(CoapCode.Content).SetContentFormat(CoapContentFormat.LinkFormat).WritePayload(Links);
            return;
        }

        response.SetCode(CoapCode.NotFound);
    }
}
