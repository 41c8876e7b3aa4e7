using System.Buffers;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Codecs;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>Send (Core §6.4.5, Transport §6.4.6): POST /dp with SenML or LwM2M CBOR values, from LwM2M 1.1 on.</summary>
public sealed partial class Lwm2mClient
{
    /// <summary>
    /// Sends the current values at <paramref name="paths"/>, stamped with the current time (none
    /// in LwM2M CBOR, which has no timestamps). Completes with the server's answer; a path that
    /// cannot be read, or a client that is not registered, is <see cref="Lwm2mOutcome.Invalid"/>.
    /// </summary>
    /// <param name="paths">The paths.</param>
    /// <param name="contentFormat">SenML CBOR (default), SenML JSON or LwM2M CBOR.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task<Lwm2mResponse> SendAsync(IReadOnlyList<Lwm2mPath> paths, ushort? contentFormat = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ushort format = contentFormat ?? DefaultSendFormat();
        var timestamp = format == CoapContentFormat.Lwm2mCbor ? (DateTimeOffset?)null : _time.GetUtcNow();
        var data = new List<TimestampedNode>(paths.Count);
        lock (Sync)
        {
            foreach (var requested in paths)
            {
                var path = requested.WithoutVersion;
                if (path.ObjectId == 0)
                {
                    return Task.FromResult(Lwm2mResponse.Invalid("the Security object is not sent"));
                }

                var result = ReadNode(path, out var node, checkReadable: true);
                if (!result.IsSuccess)
                {
                    return Task.FromResult(Lwm2mResponse.Invalid($"cannot read {path}: {result}"));
                }

                data.Add(new TimestampedNode(timestamp, path, node!));
            }
        }

        return SendAsync(data, format, cancellationToken);
    }

    /// <summary>Sends values collected by the application (e.g. measurements with their times).</summary>
    /// <param name="data">The values, each with its path and time (null: now).</param>
    /// <param name="contentFormat">SenML CBOR (default), SenML JSON or LwM2M CBOR.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<Lwm2mResponse> SendAsync(IReadOnlyList<TimestampedNode> data, ushort? contentFormat = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_options.Version == Lwm2mVersion.V1_0)
        {
            return Lwm2mResponse.Invalid("Send needs LwM2M 1.1");
        }

        var coap = _coap;
        if (coap is null || RegistrationLocation is null)
        {
            return Lwm2mResponse.Invalid("the client is not registered");
        }

        ushort format = contentFormat ?? DefaultSendFormat();
        if (!Supports(format) || _codecs.GetComposite(format) is not { } codec)
        {
            return Lwm2mResponse.Invalid($"content format {format} cannot carry Send data");
        }

        var buffer = new ArrayBufferWriter<byte>();
        if (!codec.TryEncodeTimestampedNodes(data, _models, buffer, out string? error))
        {
            return Lwm2mResponse.Invalid($"cannot encode the data: {error}");
        }

        var request = NewRequest(CoapCode.Post, ["dp"]);
        request.ContentFormat = format;
        request.Payload = buffer.WrittenMemory.ToArray();
        var result = await coap.SendAsync(request, _options.ServerEndPoint!, cancellationToken).ConfigureAwait(false);
        return ToResponse(result);
    }

    private ushort DefaultSendFormat()
    {
        foreach (ushort format in (ReadOnlySpan<ushort>)[CoapContentFormat.SenmlCbor, CoapContentFormat.SenmlJson, CoapContentFormat.Lwm2mCbor])
        {
            if (Supports(format))
            {
                return format;
            }
        }

        return CoapContentFormat.SenmlCbor;
    }
}
