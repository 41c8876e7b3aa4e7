using System.Buffers.Binary;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// The whole "application" of the baseline responder: reads just enough of a CoAP request
/// (RFC 7252 §3: header, token, Uri-Path count) to pick the answer a registration interface
/// would give, and writes it as a piggybacked ACK. No validation beyond what is needed not to
/// read out of bounds, no state, no allocation.
/// </summary>
internal static class BaselineResponse
{
    private const int HeaderSize = 4;
    private const int MaxTokenLength = 8;
    private const byte PayloadMarker = 0xFF;
    private const int UriPath = 11;
    private const int LocationIdLength = 10;

    /// <summary>Longest answer written: header, token, two Location-Path options.</summary>
    public const int MaxResponseBytes = HeaderSize + MaxTokenLength + (1 + 2) + (1 + LocationIdLength);

    // Codes (§12.1): requests 0.02 POST, 0.04 DELETE; answers 2.01, 2.02, 2.04, 4.04.
    private const byte Post = 0x02;
    private const byte Delete = 0x04;
    private const byte Created = 0x41;
    private const byte Deleted = 0x42;
    private const byte Changed = 0x44;
    private const byte NotFound = 0x84;

    private static ReadOnlySpan<byte> LocationAlphabet => "abcdefghijklmnopqrstuvwxyz234567"u8;

    /// <summary>
    /// Writes the answer to <paramref name="request"/> into <paramref name="response"/> (at least
    /// <see cref="MaxResponseBytes"/>) and returns its length, or 0 to stay silent. POST /rd →
    /// 2.01 with Location-Path rd/&lt;10 chars derived from <paramref name="locationSeed"/>&gt;;
    /// POST /rd/x → 2.04; DELETE → 2.02; a CoAP ping → RST (§4.3); other CON requests → 4.04;
    /// anything that is not a CON → nothing.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> request, Span<byte> response, ulong locationSeed)
    {
        if (request.Length < HeaderSize)
        {
            return 0;
        }

        int first = request[0];
        int tokenLength = first & 0x0F;
        bool confirmable = (first & 0xF0) == 0x40; // version 1, type CON
        if (!confirmable || tokenLength > MaxTokenLength || request.Length < HeaderSize + tokenLength)
        {
            return 0;
        }

        byte code = request[1];
        if (code == 0)
        {
            // Ping: RST, type 3, same message ID, no token.
            response[0] = 0x70;
            response[1] = 0;
            response[2] = request[2];
            response[3] = request[3];
            return HeaderSize;
        }

        int segments = CountUriPath(request.Slice(HeaderSize + tokenLength));
        byte answer = code switch
        {
            Post when segments == 1 => Created,
            Post when segments > 1 => Changed,
            Delete => Deleted,
            _ => NotFound,
        };

        // ACK (type 2) with the request's token length, message ID and token: a piggybacked response.
        response[0] = (byte)(0x60 | tokenLength);
        response[1] = answer;
        response[2] = request[2];
        response[3] = request[3];
        request.Slice(HeaderSize, tokenLength).CopyTo(response.Slice(HeaderSize));
        int length = HeaderSize + tokenLength;
        if (answer == Created)
        {
            // Location-Path (8): delta 8 length 2 "rd", then delta 0 length 10.
            response[length++] = 0x82;
            response[length++] = (byte)'r';
            response[length++] = (byte)'d';
            response[length++] = LocationIdLength;
            for (int i = 0; i < LocationIdLength; i++)
            {
                response[length++] = LocationAlphabet[(int)(locationSeed & 31)];
                locationSeed >>= 5;
            }
        }

        return length;
    }

    /// <summary>A stateless location id for a client: FNV-1a over its address bytes.</summary>
    public static ulong LocationSeed(ReadOnlySpan<byte> socketAddress)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in socketAddress)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Counts Uri-Path options (§3.1 option encoding); stops quietly at anything malformed.</summary>
    private static int CountUriPath(ReadOnlySpan<byte> options)
    {
        int count = 0;
        int number = 0;
        int offset = 0;
        while (offset < options.Length && options[offset] != PayloadMarker)
        {
            int delta = options[offset] >> 4;
            int length = options[offset] & 0x0F;
            offset++;
            if (!TryExtend(options, ref offset, ref delta) || !TryExtend(options, ref offset, ref length))
            {
                break;
            }

            number += delta;
            if (number == UriPath)
            {
                count++;
            }
            else if (number > UriPath)
            {
                break;
            }

            offset += length;
        }

        return count;
    }

    private static bool TryExtend(ReadOnlySpan<byte> options, ref int offset, ref int value)
    {
        switch (value)
        {
            case 13:
                if (offset + 1 > options.Length)
                {
                    return false;
                }

                value = 13 + options[offset];
                offset += 1;
                return true;

            case 14:
                if (offset + 2 > options.Length)
                {
                    return false;
                }

                value = 269 + BinaryPrimitives.ReadUInt16BigEndian(options.Slice(offset));
                offset += 2;
                return true;

            case 15:
                return false;

            default:
                return true;
        }
    }
}
