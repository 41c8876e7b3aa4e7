using System.Text;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Internal;
using Microsoft.Extensions.Logging;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// The server's CoAP resources (LwM2M 1.1 Transport §6): <c>/rd</c> (Register),
/// <c>/rd/{id}</c> (Update, De-register). Runs on the receive loop: an Update is allocation-free.
/// </summary>
internal sealed class Lwm2mServerHandler(Lwm2mServer server, ILogger logger) : ICoapRequestHandler
{
    private const int MaxIdChars = 32;

    public void HandleRequest(in CoapRequestContext request, CoapResponseBuilder response)
    {
        var message = request.Message;

        // Path: "rd", "rd/{id}" or "dp".
        Span<byte> path = stackalloc byte[64];
        int length = message.CopyUriPath(path);
        if (length == 2 && path.StartsWith("dp"u8))
        {
            if (request.Method != CoapCode.Post)
            {
                response.SetCode(CoapCode.MethodNotAllowed);
                return;
            }

            server.HandleSend(request, response);
            return;
        }

        if (length < 2 || !path.StartsWith("rd"u8) || (length > 2 && path[2] != (byte)'/'))
        {
            response.SetCode(CoapCode.NotFound);
            return;
        }

        if (length == 2)
        {
            if (request.Method != CoapCode.Post)
            {
                response.SetCode(CoapCode.MethodNotAllowed);
                return;
            }

            Register(request, response);
            return;
        }

        var idBytes = path[3..length];
        if (idBytes.IsEmpty || idBytes.Length > MaxIdChars || idBytes.IndexOf((byte)'/') >= 0)
        {
            response.SetCode(CoapCode.NotFound);
            return;
        }

        Span<char> id = stackalloc char[MaxIdChars];
        int idLength = Encoding.ASCII.GetChars(idBytes, id);
        id = id[..idLength];

        if (request.Method == CoapCode.Post)
        {
            Update(request, response, id);
        }
        else if (request.Method == CoapCode.Delete)
        {
            Deregister(response, id);
        }
        else
        {
            response.SetCode(CoapCode.MethodNotAllowed);
        }
    }

    private void Register(in CoapRequestContext request, CoapResponseBuilder response)
    {
        var service = server.Registrations;
        if (!RegistrationRequestParser.TryParseRegister(request.Message, request.Body, service.Options, out var parameters, out string? error))
        {
            Reject(request, response, "Register", error!);
            return;
        }

        if (server.Options.Authorizer?.Authorize(parameters!, request.Peer.Address) is { } refusal)
        {
            server.Registrations.CountRejected();
            response.SetCode(CoapCode.Forbidden).SetContentFormat(CoapContentFormat.TextPlain).WritePayload(refusal.AsSpan());
            return;
        }

        var registration = service.Register(parameters!, request.Peer.Address);
        response.SetCode(CoapCode.Created)
            .AddOption(CoapOptionNumber.LocationPath, "rd")
            .AddOption(CoapOptionNumber.LocationPath, registration.Id);
    }

    private void Update(in CoapRequestContext request, CoapResponseBuilder response, ReadOnlySpan<char> id)
    {
        var service = server.Registrations;
        if (!RegistrationRequestParser.TryParseUpdate(request.Message, request.Body, service.Options, out var parameters, out string? error))
        {
            Reject(request, response, "Update", error!);
            return;
        }

        var updated = service.Update(id, parameters, request.Peer.Address);
        response.SetCode(updated is null ? CoapCode.NotFound : CoapCode.Changed);
    }

    private void Deregister(CoapResponseBuilder response, ReadOnlySpan<char> id)
    {
        var removed = server.Registrations.Deregister(id.ToString());
        response.SetCode(removed is null ? CoapCode.NotFound : CoapCode.Deleted);
    }

    private void Reject(in CoapRequestContext request, CoapResponseBuilder response, string operation, string error)
    {
        server.Registrations.CountRejected();
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Lwm2mServerLog.Rejected(logger, operation, request.Peer.ToString(), error);
        }

        response.SetCode(CoapCode.BadRequest).SetContentFormat(CoapContentFormat.TextPlain).WritePayload(error.AsSpan());
    }
}
