using FastLwm2m.Coap;
using FastLwm2m.Lwm2m.Client.Internal;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// Information reporting, client side (Core §6.4): Observe, Observe-Composite and Cancel, with
/// the notification attributes of Write-Attributes (Core §5.1.2) deciding when a notification
/// goes out: a change waits until pmin has passed since the last one, pmax forces one even
/// without change, and gt/lt/st filter the changes of a numeric resource (a change counts when
/// the value crosses gt or lt, or moves by st from the value last sent; any of them suffices).
/// Attributes are inherited from object to instance to resource to resource instance, the lower
/// level winning; pmin/pmax default to the Server object's Default Minimum/Maximum Period. An
/// Observe-Composite waits for the largest pmin and wakes for the smallest pmax of its paths.
/// epmin and epmax bound how often these criteria are evaluated: a change within epmin of the last
/// evaluation is evaluated (its value read) only once epmin has passed, and when epmax passes
/// without evaluation the observed values are read again and compared with those last sent, which
/// catches values that change without a local change signal (an enabler's Read computing them on
/// demand). An Observe-Composite takes the largest epmin and the smallest epmax of its paths.
/// </summary>
public sealed partial class Lwm2mClient
{
    /// <summary>An observation not yet seen registered by the engine is dropped after this long.</summary>
    private const long EstablishTimeoutMilliseconds = 10_000;

    private readonly Dictionary<CoapToken, ObservationState> _observations = new();
    private readonly Dictionary<Lwm2mPath, AttributeSet> _attributes = new();
    private bool _attributesChanged;

    /// <summary>The observations the server holds on this client.</summary>
    public int ObservationCount
    {
        get
        {
            lock (Sync)
            {
                return _observations.Count;
            }
        }
    }

    /// <summary>The attributes attached to exactly <paramref name="path"/> (Write-Attributes), as query items ("pmin=10").</summary>
    public IReadOnlyList<string> GetAttributes(Lwm2mPath path)
    {
        lock (Sync)
        {
            return _attributes.TryGetValue(path.WithoutVersion, out var set)
                ? set.ToLinkAttributes().Select(a => $"{a.Name}={a.Value}").ToArray()
                : [];
        }
    }

    private ClientResponse Observe(ClientRequest request)
    {
        var path = request.Path;
        var result = ReadNode(path, out var node, checkReadable: true);
        if (!result.IsSuccess)
        {
            return ClientResponse.Error(result);
        }

        var response = Encode(path, node!, request.Accept, out _);
        return response.Code.IsSuccess ? Observed(request, [path], composite: false, response, [new(path, node)]) : response;
    }

    /// <summary>
    /// Completes an Observe or Observe-Composite response: a new observation gets its state and
    /// resource; a notification being built records the values it carries.
    /// </summary>
    private ClientResponse Observed(ClientRequest request, IReadOnlyList<Lwm2mPath> paths, bool composite, ClientResponse response,
        IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> content)
    {
        if (request.IsNotificationRefresh)
        {
            if (_observations.TryGetValue(request.Token, out var existing))
            {
                RecordValues(existing, content);
            }

            return response;
        }

        if (_observations.Remove(request.Token, out var replaced))
        {
            replaced.Dispose();
        }

        long now = NowMilliseconds;
        var resource = new ObservableResource(string.Join(",", paths)) { Confirmable = _options.ConfirmableNotifications };
        var state = new ObservationState(request.Token, paths, composite, resource, now);
        state.Timer = _time.CreateTimer(static s => ((ObservationState)s!).Owner!.OnObservationTimer((ObservationState)s!), state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        state.Owner = this;
        RecordValues(state, content);
        _observations[request.Token] = state;
        List<ObservableResource>? ignored = null;
        Schedule(state, now, ref ignored);
        return new ClientResponse { Code = response.Code, ContentFormat = response.ContentFormat, Payload = response.Payload, Observe = resource };
    }

    private void CancelObservation(CoapToken token)
    {
        if (_observations.Remove(token, out var state))
        {
            state.Dispose();
        }
    }

    /// <summary>Forgets every observation (lock held): a new registration, or the client stopped.</summary>
    private void DropObservations()
    {
        foreach (var state in _observations.Values)
        {
            state.Dispose();
        }

        _observations.Clear();
    }

    /// <summary>Changed paths against the observations (lock held): the resources to notify now.</summary>
    private List<ObservableResource>? EvaluateChanges(List<Lwm2mPath> changes)
    {
        bool all = _attributesChanged;
        _attributesChanged = false;
        if (_observations.Count == 0)
        {
            return null;
        }

        long now = NowMilliseconds;
        List<ObservableResource>? notify = null;
        foreach (var state in _observations.Values.ToArray())
        {
            if (!IsAlive(state, now))
            {
                _observations.Remove(state.Token);
                state.Dispose();
                continue;
            }

            bool touched = false;
            foreach (var observed in state.Paths)
            {
                if (Touches(observed, changes))
                {
                    touched = true;
                    break;
                }
            }

            if (!touched && !all)
            {
                continue;
            }

            var periods = Periods(state);
            if (touched && periods.Epmin > 0 && now < state.LastEvaluatedAt + periods.Epmin)
            {
                // Core §5.1.2 epmin: not evaluated before epmin has passed; the timer evaluates it then.
                foreach (var observed in state.Paths)
                {
                    if (Touches(observed, changes))
                    {
                        (state.PendingEvaluation ??= new HashSet<Lwm2mPath>()).Add(observed);
                    }
                }
            }
            else if (touched)
            {
                Evaluate(state, changes, sample: false, now);
            }

            Schedule(state, periods, now, ref notify);
        }

        return notify;
    }

    /// <summary>Whether a change at one of <paramref name="changes"/> concerns the observed path (below or above it).</summary>
    private static bool Touches(Lwm2mPath observed, List<Lwm2mPath> changes)
    {
        foreach (var changed in changes)
        {
            if (changed.StartsWith(observed) || observed.StartsWith(changed))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Evaluates the notification criteria of an observation (lock held, Core §5.1.2): the observed
    /// paths a change touched (<paramref name="changes"/>, or those that waited for epmin) against
    /// gt/lt/st; with <paramref name="sample"/> (epmax has passed) every other path too, read afresh
    /// and compared with the value last sent. A change that meets them waits for pmin.
    /// </summary>
    private void Evaluate(ObservationState state, List<Lwm2mPath>? changes, bool sample, long now)
    {
        var waited = state.PendingEvaluation;
        state.PendingEvaluation = null;
        state.LastEvaluatedAt = now;
        foreach (var observed in state.Paths)
        {
            bool changed = (changes is not null && Touches(observed, changes)) || (waited?.Contains(observed) ?? false);
            if (changed ? MeetsChangeCriteria(state, observed) : sample && SampleChanged(state, observed))
            {
                state.ChangePending = true;
                return;
            }
        }
    }

    /// <summary>Every observation against the clock (lock held), e.g. after waking up.</summary>
    private List<ObservableResource>? ReevaluateObservations()
    {
        long now = NowMilliseconds;
        List<ObservableResource>? notify = null;
        foreach (var state in _observations.Values)
        {
            Schedule(state, now, ref notify);
        }

        return notify;
    }

    private void Schedule(ObservationState state, long now, ref List<ObservableResource>? notify) => Schedule(state, Periods(state), now, ref notify);

    /// <summary>
    /// Evaluates the changes that waited for epmin, or samples the values once epmax has passed;
    /// notifies now if a pending change has waited pmin or pmax has passed; then arms the timer for
    /// the next deadline (lock held). Nothing is evaluated or sent, and no timer runs, while the
    /// client sleeps.
    /// </summary>
    private void Schedule(ObservationState state, ObservationPeriods periods, long now, ref List<ObservableResource>? notify)
    {
        if (state.Removed || state.Timer is not { } timer)
        {
            return;
        }

        if (_sleeping)
        {
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var (pmin, pmax, epmin, epmax) = periods;
        bool epmaxPassed = epmax > 0 && now >= state.LastEvaluatedAt + epmax;
        if (epmaxPassed || (state.PendingEvaluation is not null && now >= state.LastEvaluatedAt + epmin))
        {
            Evaluate(state, changes: null, sample: epmaxPassed, now);
        }

        if ((state.ChangePending && now >= state.LastNotifiedAt + pmin) || (pmax > 0 && now >= state.LastNotifiedAt + pmax))
        {
            state.LastNotifiedAt = now;
            state.ChangePending = false;
            (notify ??= new List<ObservableResource>()).Add(state.Resource);
        }

        long next = long.MaxValue;
        if (state.ChangePending)
        {
            next = state.LastNotifiedAt + pmin;
        }

        if (pmax > 0)
        {
            next = Math.Min(next, state.LastNotifiedAt + pmax);
        }

        if (state.PendingEvaluation is not null)
        {
            next = Math.Min(next, state.LastEvaluatedAt + epmin);
        }

        if (epmax > 0)
        {
            next = Math.Min(next, state.LastEvaluatedAt + epmax);
        }

        timer.Change(next == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(Math.Max(1, next - now)), Timeout.InfiniteTimeSpan);
    }

    private void OnObservationTimer(ObservationState state)
    {
        List<ObservableResource>? notify = null;
        lock (Sync)
        {
            if (state.Removed)
            {
                return;
            }

            long now = NowMilliseconds;
            if (!IsAlive(state, now))
            {
                _observations.Remove(state.Token);
                state.Dispose();
                return;
            }

            Schedule(state, now, ref notify);
        }

        QueueNotifications(notify);

        // An evaluation reads through the enablers, whose Read hooks may store values.
        FlushChanges();
    }

    /// <summary>Whether the engine still has an observer for the state (the server may have cancelled with RST or Observe = 1).</summary>
    private static bool IsAlive(ObservationState state, long now)
    {
        if (state.Resource.ObserverCount > 0)
        {
            state.Established = true;
            return true;
        }

        return !state.Established && now - state.CreatedAt < EstablishTimeoutMilliseconds;
    }

    /// <summary>
    /// Runs the engine's notification for each resource on the thread pool: never inline, because a
    /// request handler (which holds the receive loop) may be the one that caused the change.
    /// </summary>
    private static void QueueNotifications(List<ObservableResource>? notify)
    {
        if (notify is null)
        {
            return;
        }

        foreach (var resource in notify)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static r => r.Changed(), resource, preferLocal: false);
        }
    }

    /// <summary>pmin, pmax, epmin and epmax in milliseconds (pmax, epmax 0: none) for an observation.</summary>
    private ObservationPeriods Periods(ObservationState state)
    {
        long pmin = 0;
        long pmax = 0;
        long epmin = 0;
        long epmax = 0;
        foreach (var path in state.Paths)
        {
            var attributes = EffectiveAttributes(path);
            long min = (attributes.Pmin ?? 0) * 1000L;
            long max = (attributes.Pmax ?? 0) * 1000L;
            pmin = Math.Max(pmin, min);
            if (max > 0 && max >= min)
            {
                pmax = pmax == 0 ? max : Math.Min(pmax, max);
            }

            long evaluationMin = (attributes.Epmin ?? 0) * 1000L;
            long evaluationMax = (attributes.Epmax ?? 0) * 1000L;
            epmin = Math.Max(epmin, evaluationMin);
            if (evaluationMax > 0 && evaluationMax >= evaluationMin)
            {
                epmax = epmax == 0 ? evaluationMax : Math.Min(epmax, evaluationMax);
            }
        }

        // Paths of a composite may disagree; epmin wins, as evaluating more often would break it.
        return new ObservationPeriods(pmin, pmax, epmin, epmax > 0 ? Math.Max(epmax, epmin) : 0);
    }

    /// <summary>The attributes in force at a path: object, then instance, resource, resource instance; then the Server object's defaults.</summary>
    private AttributeSet EffectiveAttributes(Lwm2mPath path)
    {
        var effective = new AttributeSet();
        for (int depth = 1; depth <= path.Depth; depth++)
        {
            if (_attributes.TryGetValue(Truncate(path, depth), out var level))
            {
                effective.Overlay(level);
            }
        }

        if (effective.Pmin is null || effective.Pmax is null)
        {
            var server = GetObject(1)?.Instances.Values.FirstOrDefault();
            if (effective.Pmin is null && server?.GetValue(ServerEnabler.DefaultMinimumPeriodId) is { Type: ResourceType.Integer } pmin && pmin.AsInteger() > 0)
            {
                effective.Pmin = (uint)Math.Min(pmin.AsInteger(), uint.MaxValue);
            }

            if (effective.Pmax is null && server?.GetValue(ServerEnabler.DefaultMaximumPeriodId) is { Type: ResourceType.Integer } pmax && pmax.AsInteger() > 0)
            {
                effective.Pmax = (uint)Math.Min(pmax.AsInteger(), uint.MaxValue);
            }
        }

        return effective;
    }

    private bool MeetsChangeCriteria(ObservationState state, Lwm2mPath path)
    {
        if (!path.IsResource && !path.IsResourceInstance)
        {
            return true;
        }

        var attributes = EffectiveAttributes(path);
        return !attributes.HasChangeCriteria
            || !ReadNode(path, out var node, checkReadable: false).IsSuccess
            || MeetsChangeCriteria(state, path, attributes, node);
    }

    /// <summary>
    /// An epmax evaluation of a path no change signal touched: its value read now differs from the
    /// one last sent and meets gt/lt/st. A path that cannot be read counts as unchanged (a removal
    /// is a local change, which signals itself).
    /// </summary>
    private bool SampleChanged(ObservationState state, Lwm2mPath path)
    {
        if (!ReadNode(path, out var node, checkReadable: false).IsSuccess || Equals(node, state.LastSent.GetValueOrDefault(path)))
        {
            return false;
        }

        if (!path.IsResource && !path.IsResourceInstance)
        {
            return true;
        }

        var attributes = EffectiveAttributes(path);
        return !attributes.HasChangeCriteria || MeetsChangeCriteria(state, path, attributes, node);
    }

    /// <summary>gt/lt/st of <paramref name="attributes"/> for <paramref name="node"/>, the value now, against the value last sent.</summary>
    private static bool MeetsChangeCriteria(ObservationState state, Lwm2mPath path, AttributeSet attributes, Lwm2mNode? node)
    {
        if (!TryGetNumber(node, out double value)
            || !state.LastSent.TryGetValue(path, out var sent)
            || !TryGetNumber(sent, out double last))
        {
            return true;
        }

        bool met = false;
        if (attributes.GreaterThan is { } gt)
        {
            met |= (last > gt) != (value > gt);
        }

        if (attributes.LessThan is { } lt)
        {
            met |= (last < lt) != (value < lt);
        }

        if (attributes.Step is { } st)
        {
            met |= Math.Abs(value - last) >= st;
        }

        return met;
    }

    private static void RecordValues(ObservationState state, IReadOnlyList<KeyValuePair<Lwm2mPath, Lwm2mNode?>> content)
    {
        foreach (var (path, node) in content)
        {
            state.LastSent[path] = node;
        }
    }

    private static bool TryGetNumber(Lwm2mNode? node, out double number)
    {
        var value = node switch
        {
            Lwm2mSingleResource single => single.Value,
            Lwm2mResourceInstance instance => instance.Value,
            _ => default(Lwm2mValue?),
        };
        switch (value?.Type)
        {
            case ResourceType.Integer:
                number = value.Value.AsInteger();
                return true;
            case ResourceType.UnsignedInteger:
                number = value.Value.AsUnsignedInteger();
                return true;
            case ResourceType.Float:
                number = value.Value.AsFloat();
                return true;
            default:
                number = 0;
                return false;
        }
    }

    // ---- Write-Attributes (Core §6.3.4) ----

    private ClientResponse WriteAttributes(Lwm2mPath path, IReadOnlyList<string> queries)
    {
        if (path.IsRoot)
        {
            return ClientResponse.Error(Lwm2mResponseCode.BadRequest, "attributes cannot be written on the root path");
        }

        if (!PathExists(path, out var resourceModel))
        {
            return ClientResponse.Error(Lwm2mResponseCode.NotFound, $"{path} does not exist");
        }

        var set = _attributes.TryGetValue(path, out var existing) ? existing.Clone() : new AttributeSet();
        if (!set.TryApply(queries, out bool setsChangeCriteria, out string? error))
        {
            return ClientResponse.Error(Lwm2mResponseCode.BadRequest, error!);
        }

        if (setsChangeCriteria)
        {
            // gt, lt and st apply to numeric resources (and their instances) only (Core §5.1.2).
            bool numeric = resourceModel?.Type is ResourceType.Integer or ResourceType.UnsignedInteger or ResourceType.Float;
            if (!numeric || (path.IsResource && resourceModel!.Multiple))
            {
                return ClientResponse.Error(Lwm2mResponseCode.BadRequest, $"gt, lt and st apply to numeric single-value resources; {path} is not one");
            }
        }

        if (set.IsEmpty)
        {
            _attributes.Remove(path);
        }
        else
        {
            _attributes[path] = set;
        }

        // Deadlines move: every observation is rescheduled at the flush after this request.
        _attributesChanged = true;
        return ClientResponse.Of(CoapCode.Changed);
    }

    private bool PathExists(Lwm2mPath path, out ResourceModel? resourceModel)
    {
        resourceModel = null;
        if (!_objects.TryGetValue(path.ObjectId, out var enabler))
        {
            return false;
        }

        if (path.IsObject)
        {
            return true;
        }

        if (!enabler.Instances.TryGetValue(path.InstanceId, out var instance))
        {
            return false;
        }

        if (path.IsObjectInstance)
        {
            return true;
        }

        resourceModel = enabler.Model.GetResource(path.ResourceId);
        if (resourceModel is null || !instance.GetAvailableResourceIds().Contains(path.ResourceId))
        {
            return false;
        }

        return path.IsResource || (instance.GetResource(path.ResourceId) is Lwm2mMultipleResource multiple && multiple.Instances.ContainsKey(path.ResourceInstanceId));
    }

    private IEnumerable<Coap.LinkFormat.LinkAttribute> AttachedAttributes(Lwm2mPath path) =>
        _attributes.TryGetValue(path, out var set) ? set.ToLinkAttributes() : [];

    private static Lwm2mPath Truncate(Lwm2mPath path, int depth) => depth switch
    {
        1 => Lwm2mPath.Object(path.ObjectId),
        2 => Lwm2mPath.Instance(path.ObjectId, path.InstanceId),
        3 => Lwm2mPath.Resource(path.ObjectId, path.InstanceId, path.ResourceId),
        _ => path.WithoutVersion,
    };
}
