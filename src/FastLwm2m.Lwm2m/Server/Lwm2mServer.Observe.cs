using System.Buffers;
using System.Collections.Concurrent;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Codecs;
using FastLwm2m.Lwm2m.Codecs.Internal;

namespace FastLwm2m.Lwm2m;

/// <summary>
/// Information reporting (Core §6.4): Observe, Observe-Composite, Cancel Observation, and the
/// client's Send (POST /dp). Observations are kept per registration and cancelled (passively)
/// when the client de-registers, expires or registers again. A notification whose values carry
/// times (SenML JSON/CBOR, LwM2M JSON: a client reporting history, Core §6.4.1) gets them in
/// <see cref="Lwm2mNotification.TimestampedContent"/>, its content being the latest value per path.
/// </summary>
public sealed partial class Lwm2mServer
{
    private readonly ConcurrentDictionary<string, List<Lwm2mObservation>> _observations = new(StringComparer.Ordinal);

    /// <summary>
    /// Decides whether a notification is taken (e.g. a bounded pipeline with room). A refused
    /// confirmable notification is not acknowledged, so the device sends it again later. Called on
    /// the receive loop: must not block. Null: every notification is taken.
    /// </summary>
    public Func<Lwm2mNotification, bool>? NotificationHandler { get; set; }

    /// <summary>A notification was taken (raised after <see cref="NotificationHandler"/> accepted it).</summary>
    public event Action<Lwm2mNotification>? NotificationReceived;

    /// <summary>
    /// Decides whether data a client sent with Send is taken; refused data is answered 5.03 so the
    /// client keeps it. Called on the receive loop. Null: everything is taken.
    /// </summary>
    public Func<Registration, IReadOnlyList<TimestampedNode>, bool>? SendHandler { get; set; }

    /// <summary>A client's Send was taken.</summary>
    public event Action<Registration, IReadOnlyList<TimestampedNode>>? DataReceived;

    /// <summary>The active observations of a registration.</summary>
    public IReadOnlyList<Lwm2mObservation> GetObservations(string registrationId)
    {
        if (!_observations.TryGetValue(registrationId, out var list))
        {
            return [];
        }

        lock (list)
        {
            return list.ToArray();
        }
    }

    /// <summary>Observe (GET with Observe = 0, Core §6.4.1).</summary>
    public async Task<Lwm2mResponse> ObserveAsync(Registration registration, Lwm2mPath path, ushort? contentFormat = null, CancellationToken cancellationToken = default)
    {
        if (Validate(registration, path) is { } invalid)
        {
            return invalid;
        }

        ushort format = contentFormat ?? ChooseFormat(registration, composite: false);
        var request = NewRequest(CoapCode.Get, registration, path);
        request.Accept = format;
        var observation = new Lwm2mObservation(registration.Id, registration.Endpoint, [path.WithoutVersion], composite: false, format);
        return await Observe(registration, request, observation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Observe-Composite (FETCH with Observe = 0 and the paths, Core §6.4.3).</summary>
    public async Task<Lwm2mResponse> ObserveCompositeAsync(Registration registration, IReadOnlyList<Lwm2mPath> paths, ushort? contentFormat = null, CancellationToken cancellationToken = default)
    {
        var (request, error) = CompositeRequest(CoapCode.Fetch, registration, paths, contentFormat);
        if (error is not null)
        {
            return Lwm2mResponse.Invalid(error);
        }

        var observation = new Lwm2mObservation(registration.Id, registration.Endpoint, paths.Select(p => p.WithoutVersion).ToArray(), composite: true, (ushort)request!.Accept!.Value);
        return await Observe(registration, request, observation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancel Observation (Core §6.4.2): active (GET with Observe = 1, the client answers with the
    /// current value) or passive (forget it: the next notification is answered RST).
    /// </summary>
    public async Task<Lwm2mResponse> CancelObservationAsync(Lwm2mObservation observation, bool active = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observation);
        Forget(observation);
        if (observation.CoapObservation is not { } coap)
        {
            return new Lwm2mResponse(Lwm2mOutcome.Cancelled, Lwm2mResponseCode.Other, "the observation was never established");
        }

        var result = await coap.CancelAsync(active, cancellationToken).ConfigureAwait(false);
        if (!active)
        {
            return new Lwm2mResponse(Lwm2mOutcome.Response, Lwm2mResponseCode.Content);
        }

        return OutcomeOf(result) ?? new Lwm2mResponse(Lwm2mOutcome.Response, Lwm2mResponseCodes.FromCoap(result.Response!.Code));
    }

    /// <summary>Cancels (passively) every observation of a registration; returns how many.</summary>
    public int CancelObservations(string registrationId)
    {
        if (!_observations.TryRemove(registrationId, out var list))
        {
            return 0;
        }

        Lwm2mObservation[] all;
        lock (list)
        {
            all = list.ToArray();
            list.Clear();
        }

        foreach (var observation in all)
        {
            observation.Cancelled = true;
            _ = observation.CoapObservation?.CancelAsync(proactive: false);
        }

        return all.Length;
    }

    private async Task<Lwm2mResponse> Observe(Registration registration, CoapMessage request, Lwm2mObservation observation, CancellationToken cancellationToken)
    {
        var models = ModelsFor(registration);
        var result = await WhenAwake(registration, async () =>
        {
            var coap = await Coap.ObserveAsync(request, registration.EndPoint, (CoapObservation o, in CoapNotification n) => OnNotification(observation, models, n), cancellationToken).ConfigureAwait(false);
            observation.CoapObservation = coap;
            return coap.InitialResult;
        }, cancellationToken).ConfigureAwait(false);

        var response = observation.IsComposite
            ? ToCompositeResponse(result, registration)
            : ToResponse(result, registration, observation.Paths[0], expectContent: true, observation.ContentFormat);
        if (!response.IsSuccess || observation.CoapObservation is not { IsActive: true })
        {
            return response;
        }

        var list = _observations.GetOrAdd(registration.Id, static _ => new List<Lwm2mObservation>());
        lock (list)
        {
            list.Add(observation);
        }

        // A registration that ended meanwhile takes its observations with it.
        if (Registrations.Store.GetById(registration.Id) is null)
        {
            CancelObservations(registration.Id);
        }

        return new Lwm2mResponse(Lwm2mOutcome.Response, response.Code)
        {
            Content = response.Content,
            CompositeContent = response.CompositeContent,
            ContentFormat = response.ContentFormat,
            Observation = observation,
        };
    }

    private bool OnNotification(Lwm2mObservation observation, IObjectModelProvider models, in CoapNotification notification)
    {
        if (observation.Cancelled)
        {
            return true;
        }

        var code = Lwm2mResponseCodes.FromCoap(notification.Code);
        Lwm2mNode? content = null;
        IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>>? composite = null;
        IReadOnlyList<TimestampedNode>? timestamped = null;
        string? error = null;
        if (notification.Code.IsSuccess)
        {
            ushort format = notification.ContentFormat is { } cf ? (ushort)cf : observation.ContentFormat;
            if (observation.IsComposite)
            {
                if (Codecs.GetComposite(format) is not { } codec)
                {
                    error = $"notification in content format {format}, which cannot carry composite values";
                }
                else if (codec is ITimestampedCompositeNotificationDecoder timed)
                {
                    timed.TryDecodeCompositeNotification(notification.Body, models, out composite, out timestamped, out error);
                }
                else
                {
                    codec.TryDecodeNodes(notification.Body, models, out composite, out error);
                }
            }
            else if (Codecs.Get(format) is not { } codec)
            {
                error = $"notification in unsupported content format {format}";
            }
            else if (codec is ITimestampedNotificationDecoder timed)
            {
                timed.TryDecodeNotification(notification.Body, observation.Paths[0], models, out content, out timestamped, out error);
            }
            else
            {
                codec.TryDecode(notification.Body, observation.Paths[0], models, out content, out error);
            }
        }

        var decoded = new Lwm2mNotification(observation, code, content, composite, timestamped, notification.Sequence, error)
        {
            // Nothing acknowledged before it is safe: the handler ACKs after its commit.
            Acknowledgement = _options.DeferNotificationAcknowledgement ? notification.DeferAcknowledgement() : null,
        };
        if (NotificationHandler is { } handler && !handler(decoded))
        {
            return false;
        }

        if (!notification.Code.IsSuccess)
        {
            Forget(observation);
        }

        NotificationReceived?.Invoke(decoded);
        return true;
    }

    private void Forget(Lwm2mObservation observation)
    {
        observation.Cancelled = true;
        if (_observations.TryGetValue(observation.RegistrationId, out var list))
        {
            lock (list)
            {
                list.Remove(observation);
            }
        }
    }

    /// <summary>Handles a client's Send (POST /dp, Core §6.4.5) on the receive loop.</summary>
    internal void HandleSend(in CoapRequestContext request, CoapResponseBuilder response)
    {
        var registration = Registrations.Store.GetByAddress(request.Peer.Address);
        if (registration is null)
        {
            response.SetCode(CoapCode.NotFound).SetContentFormat(CoapContentFormat.TextPlain).WritePayload("no registration for this client".AsSpan());
            return;
        }

        ushort format = request.Message.TryGetUInt32(CoapOptionNumber.ContentFormat, out uint cf) ? (ushort)cf : CoapContentFormat.SenmlCbor;
        if (Codecs.GetComposite(format) is not { } codec)
        {
            response.SetCode(CoapCode.UnsupportedContentFormat);
            return;
        }

        if (!codec.TryDecodeTimestampedNodes(request.Body, ModelsFor(registration), out var nodes, out var error))
        {
            response.SetCode(CoapCode.BadRequest).SetContentFormat(CoapContentFormat.TextPlain).WritePayload((error ?? "invalid payload").AsSpan());
            return;
        }

        if (SendHandler is { } handler && !handler(registration, nodes!))
        {
            // Not taken: 5.03 tells the client to keep the data and try again (nothing acknowledged is lost).
            response.SetCode(CoapCode.ServiceUnavailable);
            return;
        }

        DataReceived?.Invoke(registration, nodes!);
        response.SetCode(CoapCode.Changed);
    }
}
