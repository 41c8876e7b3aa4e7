namespace FastLwm2m.Lwm2m;

/// <summary>How an operation ended, before looking at the response code.</summary>
public enum Lwm2mOutcome : byte
{
    /// <summary>The device answered (see the response code).</summary>
    Response,
    /// <summary>The device did not answer in time (no ACK after retransmissions, or no response).</summary>
    Timeout,
    /// <summary>The request was not sent: invalid for this client (wrong object version, format it cannot take).</summary>
    Invalid,
    /// <summary>The device answered RST.</summary>
    Reset,
    /// <summary>Cancelled by the caller or the server stopped, or the client de-registered.</summary>
    Cancelled,
    /// <summary>The device's response could not be decoded (the error says why).</summary>
    BadResponse,
    /// <summary>Too many requests wait for this (sleeping) client.</summary>
    Rejected,
}
