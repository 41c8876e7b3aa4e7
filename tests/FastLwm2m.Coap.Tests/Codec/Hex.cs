namespace FastLwm2m.Coap.Tests.Codec;

/// <summary>Hex vectors as written in the RFCs: "40 01 7d 34".</summary>
internal static class Hex
{
    public static byte[] Parse(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty).Replace("\n", string.Empty));

    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
