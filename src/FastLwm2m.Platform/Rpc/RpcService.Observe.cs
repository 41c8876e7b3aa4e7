using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastLwm2m.Coap;
using FastLwm2m.Coap.LinkFormat;
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

        return Cancelled(observations.Count);
    }

    private RpcResult ObserveCancelAll(Registration registration) => Cancelled(_server.CancelObservations(registration.Id));

    private static RpcResult Cancelled(int count) =>
        new("CONTENT", count.ToString(CultureInfo.InvariantCulture)) { Count = count };

    private RpcResult ObserveReadAll(Registration registration)
    {
        Lwm2mPath[] paths = [.. _server.GetObservations(registration.Id).SelectMany(o => o.Paths).Distinct()];
        return new RpcResult("CONTENT", WriteJson(w =>
        {
            w.WriteStartArray();
            foreach (Lwm2mPath path in paths)
            {
                w.WriteStringValue(path.ToString());
            }

            w.WriteEndArray();
        }))
        { Paths = paths };
    }

    /// <summary>
    /// The client's object tree from its registration, without contacting it: the root link
    /// (rt="oma.lwm2m" and the declared ct), each object with its version when it is not 1.0 or
    /// it has no instances, then each instance, as the guide's
    /// <c>[{"url":"/","attributes":{...}},{"url":"/1","attributes":{"ver":"1.1"}},{"url":"/1/0","attributes":{}}]</c>
    /// (a quoted link value keeps its quotes there, e.g. <c>"rt":"\"oma.lwm2m\""</c>), and as <see cref="RpcResult.Links"/>.
    /// </summary>
    private static RpcResult DiscoverAll(Registration registration)
    {
        var links = new List<CoreLink>();
        var root = new List<LinkAttribute>(2);
        if (ContentFormats(registration.ContentFormats) is { Length: > 0 } ct)
        {
            root.Add(new LinkAttribute("ct", ct, isQuoted: ct.Contains(' ', StringComparison.Ordinal)));
        }

        root.Add(new LinkAttribute("rt", "oma.lwm2m", isQuoted: true));
        links.Add(new CoreLink(registration.RootPath.Length == 0 ? "/" : registration.RootPath, root));
        var instances = registration.ObjectInstances;
        foreach (var (objectId, version) in registration.SupportedObjects)
        {
            var own = instances.Where(i => i.ObjectId == objectId).ToList();
            if (version != ObjectVersion.Default || own.Count == 0)
            {
                links.Add(new CoreLink($"/{objectId}", new LinkAttribute("ver", version.ToString())));
            }

            foreach (var (_, instanceId) in own)
            {
                links.Add(new CoreLink($"/{objectId}/{instanceId}"));
            }
        }

        return new RpcResult("CONTENT", WriteJson(w =>
        {
            w.WriteStartArray();
            foreach (CoreLink link in links)
            {
                w.WriteStartObject();
                w.WriteString("url", link.Uri);
                w.WriteStartObject("attributes");
                foreach (LinkAttribute attribute in link.Attributes)
                {
                    w.WriteString(attribute.Name, attribute.IsQuoted ? $"\"{attribute.Value}\"" : attribute.Value);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }))
        { Links = links };
    }

    private static string ContentFormats(ContentFormatSupport support)
    {
        ushort[] all =
        [
            CoapContentFormat.TextPlain, CoapContentFormat.OctetStream, CoapContentFormat.Cbor, CoapContentFormat.SenmlJson,
            CoapContentFormat.SenmlCbor, CoapContentFormat.Lwm2mTlv, CoapContentFormat.Lwm2mJson, CoapContentFormat.Lwm2mCbor,
        ];
        var declared = all.Where(f => support.Supports(f)).Select(f => f.ToString(CultureInfo.InvariantCulture)).ToArray();
        return string.Join(' ', declared);
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
