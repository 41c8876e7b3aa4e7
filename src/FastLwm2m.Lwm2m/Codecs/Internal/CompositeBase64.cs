using System.Buffers;
using System.Buffers.Text;

namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Base64 for opaque values: SenML <c>vd</c> is base64url without padding (RFC 8428 §4.3, RFC 4648 §5);
/// LwM2M 1.0 JSON carries opaque as standard base64 in <c>sv</c>. Decoding accepts either alphabet,
/// with or without padding, as interoperable peers send both.
/// </summary>
internal static class CompositeBase64
{
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        int length = text.Length;
        while (length > 0 && text[length - 1] == '=')
        {
            length--;
        }

        if (length % 4 == 1)
        {
            return false;
        }

        int padded = (length + 3) / 4 * 4;
        char[]? rented = null;
        Span<char> normalized = padded <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(padded));
        try
        {
            for (int i = 0; i < length; i++)
            {
                char c = text[i];
                normalized[i] = c switch
                {
                    '-' => '+',
                    '_' => '/',
                    '+' or '/' => c,
                    _ when char.IsAsciiLetterOrDigit(c) => c,
                    _ => '\0',
                };
                if (normalized[i] == '\0')
                {
                    return false;
                }
            }

            normalized[length..padded].Fill('=');
            byte[] buffer = new byte[padded / 4 * 3];
            if (!Convert.TryFromBase64Chars(normalized[..padded], buffer, out int written))
            {
                return false;
            }

            bytes = written == buffer.Length ? buffer : buffer[..written];
            return true;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Encodes as base64url without padding (SenML JSON <c>vd</c>) into a UTF-8 buffer.</summary>
    public static int EncodeUrl(ReadOnlySpan<byte> bytes, Span<byte> utf8) => Base64Url.EncodeToUtf8(bytes, utf8);

    /// <summary>Encodes as standard padded base64 (LwM2M 1.0 JSON) into a UTF-8 buffer.</summary>
    public static int EncodeStandard(ReadOnlySpan<byte> bytes, Span<byte> utf8)
    {
        Base64.EncodeToUtf8(bytes, utf8, out _, out int written);
        return written;
    }

    public static int MaxEncodedLength(int length) => Base64.GetMaxEncodedToUtf8Length(length);
}
