namespace FastLwm2m.Coap.LinkFormat;

/// <summary>
/// Why and where a CoRE Link Format document was rejected: a <see cref="LinkFormatStatus"/>
/// and the byte offset, in the UTF-8 input, at which the problem was found.
/// </summary>
public readonly struct LinkFormatError : IEquatable<LinkFormatError>
{
    /// <summary>Creates an error value.</summary>
    public LinkFormatError(LinkFormatStatus status, int offset)
    {
        Status = status;
        Offset = offset;
    }

    /// <summary>No error: <see cref="LinkFormatStatus.Ok"/> at offset -1.</summary>
    public static LinkFormatError None => new(LinkFormatStatus.Ok, -1);

    /// <summary>What was wrong; <see cref="LinkFormatStatus.Ok"/> when nothing was.</summary>
    public LinkFormatStatus Status { get; }

    /// <summary>Byte offset in the UTF-8 input where the problem was found; -1 when there is none.</summary>
    public int Offset { get; }

    /// <inheritdoc />
    public bool Equals(LinkFormatError other) => Status == other.Status && Offset == other.Offset;
    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LinkFormatError e && Equals(e);
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Status, Offset);
    /// <summary>Equality.</summary>
    public static bool operator ==(LinkFormatError a, LinkFormatError b) => a.Equals(b);
    /// <summary>Inequality.</summary>
    public static bool operator !=(LinkFormatError a, LinkFormatError b) => !a.Equals(b);

    /// <summary>E.g. "UnterminatedUri at byte 17".</summary>
    public override string ToString() => Offset < 0 ? Status.ToString() : $"{Status} at byte {Offset}";
}
