using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>
/// The client's CoAP resources: every LwM2M path, served on the receive loop (Core §6.3-6.4,
/// Transport §6.4). While the client sleeps, requests are held (deferred) and answered when it
/// wakes up; notifications the engine asks for are built whatever the state.
/// </summary>
internal sealed class ClientRequestHandler(Lwm2mClient client) : ICoapRequestHandler
{
    public void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response)
    {
        var clientRequest = ClientRequest.From(request.Message, request.Body, request.IsNotificationRefresh);
        if (!request.IsNotificationRefresh && client.TryHold(clientRequest, response))
        {
            return;
        }

        client.Handle(clientRequest).WriteTo(response);
    }
}
