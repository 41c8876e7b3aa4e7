using System.Net;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// Decides whether a client may register (Core §6.2.1: the server may refuse with 4.03). On plain
/// UDP the endpoint name is the only identity (NoSec); with DTLS the authorizer also sees the
/// authenticated identity (a later issue). Called on the receive loop: must not block — look up an
/// in-memory index, never a database round trip per Register.
/// </summary>
public interface IRegistrationAuthorizer
{
    /// <summary>Returns null to accept, or the reason for a 4.03 Forbidden.</summary>
    string? Authorize(RegistrationParameters parameters, SocketAddress client);
}
