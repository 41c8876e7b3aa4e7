namespace FastLwm2m.Coap;

/// <summary>The outcome of a request: a status and, when <see cref="CoapResultStatus.Response"/>, the response.</summary>
public readonly record struct CoapResult(CoapResultStatus Status, CoapMessage? Response)
{
    /// <summary>Whether a response arrived.</summary>
    public bool HasResponse => Status == CoapResultStatus.Response && Response is not null;

    /// <inheritdoc />
    public override string ToString() => HasResponse ? $"Response {Response!.Code}" : Status.ToString();
}
