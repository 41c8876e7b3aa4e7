using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Platform.Rpc;

/// <summary>The Information Reporting methods and the reference platform's own ObserveCancelAll, ObserveReadAll and DiscoverAll.</summary>
public sealed partial class RpcService
{
    private static readonly JsonWriterOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private async Task<RpcResult> ObserveAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var response = await _server.ObserveAsync(registration, p.Path(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return WithContent(response);
    }

    private async Task<RpcResult> ObserveCompositeAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var paths = p.Paths();
        var response = await _server.ObserveCompositeAsync(registration, paths, cancellationToken: cancellationToken).ConfigureAwait(false);
        return WithCompositeContent(response, paths);
    }

    private async Task<RpcResult> ObserveCancelAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var path = p.Path().WithoutVersion;
        var matching = _server.GetObservations(registration.Id).Where(o => !o.IsComposite && o.Paths[0] == path).ToList();
        return await CancelAsync(matching, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RpcResult> ObserveCompositeCancelAsync(Registration registration, Params p, CancellationToken cancellationToken)
    {
        var paths = p.Paths().Select(x => x.WithoutVersion).ToHashSet();
        var matching = _server.GetObservations(registration.Id).Where(o => o.IsComposite && paths.SetEquals(o.Paths)).ToList();
        return await CancelAsync(matching, cancellationToken).ConfigureAwait(false);
    }

    // The value is the number cancelled, as text ({"result":"CONTENT","value":"1"}). Cancelling is
    // passive (Leshan's default): the server forgets the observation and answers the next
    // notification with RST (RFC 7641 §3.6), so it never waits on a sleeping device.
    private async Task<RpcResult> CancelAsync(List<Lwm2mObservation> observations, CancellationToken cancellationToken)
    {
        foreach (var observation in observations)
        {
            await _server.CancelObservationAsync(observation, active: false, cancellationToken).ConfigureAwait(false);
        }

        return new RpcResult("CONTENT", observations.Count.ToString(CultureInfo.InvariantCulture));
    }

    private RpcResult ObserveCancelAll(Registration registration) =>
        new("CONTENT", _server.CancelObservations(registration.Id).ToString(CultureInfo.InvariantCulture));

    private RpcResult ObserveReadAll(Registration registration)
    {
        var paths = _server.GetObservations(registration.Id).SelectMany(o => o.Paths).Select(p => p.ToString()).Distinct().ToArray();
        return new RpcResult("CONTENT", WriteJson(w =>
        {
            w.WriteStartArray();
            foreach (string path in paths)
            {
                w.WriteStringValue(path);
            }

            w.WriteEndArray();
        }));
    }

    /// <summary>
    /// The client's object tree from its registration, without contacting it: the root link
    /// (rt="oma.lwm2m" and the declared ct), each object with its version when it is not 1.0 or
    /// it has no instances, then each instance, as the guide's
    /// <c>[{"url":"/","attributes":{...}},{"url":"/1","attributes":{"ver":"1.1"}},{"url":"/1/0","attributes":{}}]</c>.
    /// </summary>
    private static RpcResult DiscoverAll(Registration registration)
    {
        var instances = registration.ObjectInstances;
        return new RpcResult("CONTENT", WriteJson(w =>
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("url", registration.RootPath.Length == 0 ? "/" : registration.RootPath);
            w.WriteStartObject("attributes");
            if (ContentFormats(registration.ContentFormats) is { Length: > 0 } ct)
            {
                w.WriteString("ct", ct);
            }

            w.WriteString("rt", "\"oma.lwm2m\"");
            w.WriteEndObject();
            w.WriteEndObject();
            foreach (var (objectId, version) in registration.SupportedObjects)
            {
                var own = instances.Where(i => i.ObjectId == objectId).ToList();
                if (version != ObjectVersion.Default || own.Count == 0)
                {
                    Entry(w, $"/{objectId}", version.ToString());
                }

                foreach (var (_, instanceId) in own)
                {
                    Entry(w, $"/{objectId}/{instanceId}", null);
                }
            }

            w.WriteEndArray();
        }));
    }

    private static void Entry(Utf8JsonWriter w, string url, string? version)
    {
        w.WriteStartObject();
        w.WriteString("url", url);
        w.WriteStartObject("attributes");
        if (version is not null)
        {
            w.WriteString("ver", version);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string ContentFormats(ContentFormatSupport support)
    {
        ushort[] all =
        [
            CoapContentFormat.TextPlain, CoapContentFormat.OctetStream, CoapContentFormat.Cbor, CoapContentFormat.SenmlJson,
            CoapContentFormat.SenmlCbor, CoapContentFormat.Lwm2mTlv, CoapContentFormat.Lwm2mJson, CoapContentFormat.Lwm2mCbor,
        ];
        var declared = all.Where(f => support.Supports(f)).Select(f => f.ToString(CultureInfo.InvariantCulture)).ToArray();
        return declared.Length == 1 ? declared[0] : declared.Length == 0 ? "" : "\"" + string.Join(' ', declared) + "\"";
    }

    private static string WriteJson(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, RelaxedJson))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
