namespace FastLwm2m.Coap.Tests.Codec;

/// <summary>
/// A deliberately naive, independently written validator of RFC 7252 §3 used as the oracle of
/// the differential property tests: it walks the datagram with a cursor and a list, with none of
/// the reader's shared helpers. Check order matches the documented order of
/// <see cref="CoapMessageReader.TryParse"/>.
/// </summary>
internal static class ReferenceCoapParser
{
    public static CoapParseStatus Validate(byte[] d)
    {
        if (d.Length < 4)
        {
            return CoapParseStatus.TooShortForHeader;
        }

        if ((d[0] >> 6) != 1)
        {
            return CoapParseStatus.UnsupportedVersion;
        }

        int tkl = d[0] & 0x0F;
        if (tkl >= 9)
        {
            return CoapParseStatus.ReservedTokenLength;
        }

        if (d.Length < 4 + tkl)
        {
            return CoapParseStatus.TruncatedToken;
        }

        int codeClass = d[1] / 32;
        if (codeClass == 1 || codeClass == 6 || codeClass == 7)
        {
            return CoapParseStatus.ReservedCodeClass;
        }

        if (d[1] == 0)
        {
            return d.Length == 4 ? CoapParseStatus.Ok : CoapParseStatus.NonEmptyEmptyMessage;
        }

        int i = 4 + tkl;
        long number = 0;
        while (i < d.Length)
        {
            if (d[i] == 0xFF)
            {
                return i == d.Length - 1 ? CoapParseStatus.EmptyPayloadAfterMarker : CoapParseStatus.Ok;
            }

            int deltaNibble = d[i] / 16;
            int lengthNibble = d[i] % 16;
            i++;
            if (deltaNibble == 15)
            {
                return CoapParseStatus.ReservedOptionDelta;
            }

            if (lengthNibble == 15)
            {
                return CoapParseStatus.ReservedOptionLength;
            }

            long? delta = ReadExtended(d, ref i, deltaNibble);
            if (delta is null)
            {
                return CoapParseStatus.TruncatedOptionHeader;
            }

            long? length = ReadExtended(d, ref i, lengthNibble);
            if (length is null)
            {
                return CoapParseStatus.TruncatedOptionHeader;
            }

            number += delta.Value;
            if (number > 65535)
            {
                return CoapParseStatus.OptionNumberOverflow;
            }

            if (i + length.Value > d.Length)
            {
                return CoapParseStatus.TruncatedOptionValue;
            }

            i += (int)length.Value;
        }

        return CoapParseStatus.Ok;
    }

    private static long? ReadExtended(byte[] d, ref int i, int nibble)
    {
        switch (nibble)
        {
            case 13:
                if (i + 1 > d.Length)
                {
                    return null;
                }

                return d[i++] + 13L;
            case 14:
                if (i + 2 > d.Length)
                {
                    return null;
                }

                long v = (d[i] * 256L) + d[i + 1] + 269L;
                i += 2;
                return v;
            default:
                return nibble;
        }
    }
}
