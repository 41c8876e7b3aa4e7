namespace FastLwm2m.Coap;

/// <summary>How a request sent by this endpoint ended.</summary>
public enum CoapResultStatus : byte
{
    /// <summary>A response arrived (any code).</summary>
    Response,
    /// <summary>No ACK after MAX_RETRANSMIT retransmissions, or no response within the response timeout.</summary>
    Timeout,
    /// <summary>The peer answered RST.</summary>
    Reset,
    /// <summary>The caller cancelled it, or the endpoint stopped.</summary>
    Cancelled,
    /// <summary>The peer's queue was full (NSTART backlog) or the message could not be encoded.</summary>
    Rejected,
    /// <summary>A block-wise transfer failed (out-of-order block, body above MaxBodyBytes).</summary>
    BlockTransferFailed,
}
