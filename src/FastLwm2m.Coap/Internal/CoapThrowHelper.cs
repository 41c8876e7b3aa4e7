using System.Diagnostics.CodeAnalysis;

namespace FastLwm2m.Coap.Internal;

/// <summary>Throw helpers kept out of line so that the write paths stay small and inlinable.</summary>
internal static class CoapThrowHelper
{
    [DoesNotReturn]
    public static void ThrowInvalidOperation(string message) => throw new InvalidOperationException(message);

    [DoesNotReturn]
    public static void ThrowOptionOutOfOrder(ushort number, ushort previous) =>
        throw new InvalidOperationException(
            $"Option {number} written after option {previous}: options must be in non-decreasing number order (RFC 7252 §3.1).");

    [DoesNotReturn]
    public static void ThrowTokenTooLong(string paramName) =>
        throw new ArgumentException("A CoAP token has at most 8 bytes (RFC 7252 §3).", paramName);

    [DoesNotReturn]
    public static void ThrowOptionTooLong(string paramName) =>
        throw new ArgumentException(
            $"An option value has at most {CoapOptionHeader.MaxEncodable} bytes (RFC 7252 §3.1).", paramName);
}
