using System.Globalization;
using System.Text;
using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Internal;

/// <summary>
/// A request from the server as the client's operations see it: method, LwM2M path, the options
/// that select the operation (Accept, Content-Format, Observe, Uri-Query) and the body. Built from
/// the receive loop's message view (and kept when the client holds it while asleep).
/// </summary>
internal sealed class ClientRequest
{
    private const int MaxPathSegments = 4;

    public required CoapCode Method { get; init; }

    /// <summary>The path; meaningful when <see cref="PathError"/> is null.</summary>
    public Lwm2mPath Path { get; init; }

    /// <summary>Why the Uri-Path is not an LwM2M path, or null.</summary>
    public string? PathError { get; init; }

    public uint? Accept { get; init; }

    public uint? ContentFormat { get; init; }

    public uint? Observe { get; init; }

    public IReadOnlyList<string> Queries { get; init; } = [];

    public ReadOnlyMemory<byte> Body { get; init; }

    public CoapToken Token { get; init; }

    /// <summary>The engine re-runs an observed request to build a notification.</summary>
    public bool IsNotificationRefresh { get; init; }

    public static ClientRequest From(in CoapMessageReader message, ReadOnlySpan<byte> body, bool isNotificationRefresh)
    {
        var segments = new List<string>(MaxPathSegments);
        var queries = new List<string>();
        uint? accept = null, contentFormat = null, observe = null;
        foreach (var option in message.Options)
        {
            switch (option.Number)
            {
                case CoapOptionNumber.UriPath:
                    segments.Add(Encoding.UTF8.GetString(option.Value));
                    break;
                case CoapOptionNumber.UriQuery:
                    queries.Add(Encoding.UTF8.GetString(option.Value));
                    break;
                case CoapOptionNumber.Accept when option.TryGetUInt32(out uint a):
                    accept = a;
                    break;
                case CoapOptionNumber.ContentFormat when option.TryGetUInt32(out uint cf):
                    contentFormat = cf;
                    break;
                case CoapOptionNumber.Observe when option.TryGetUInt32(out uint o):
                    observe = o;
                    break;
            }
        }

        var (path, error) = ParsePath(segments);
        return new ClientRequest
        {
            Method = message.Code,
            Path = path,
            PathError = error,
            Accept = accept,
            ContentFormat = contentFormat,
            Observe = observe,
            Queries = queries,
            Body = body.ToArray(),
            Token = message.TokenValue,
            IsNotificationRefresh = isNotificationRefresh,
        };
    }

    /// <summary>Uri-Path segments to an LwM2M path: up to four decimal ids (Core §6: /{Object}/{Instance}/{Resource}/{Resource Instance}).</summary>
    private static (Lwm2mPath Path, string? Error) ParsePath(List<string> segments)
    {
        if (segments.Count > MaxPathSegments)
        {
            return (Lwm2mPath.Root, "more than four path segments");
        }

        var path = Lwm2mPath.Root;
        foreach (string segment in segments)
        {
            int max = path.Depth is 0 or 2 ? 65535 : 65534;
            if (segment.Length is 0 or > 5 || (segment.Length > 1 && segment[0] == '0')
                || !int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id > max)
            {
                return (Lwm2mPath.Root, $"'{segment}' is not an LwM2M id");
            }

            path = path.Append(id);
        }

        return (path, null);
    }
}
