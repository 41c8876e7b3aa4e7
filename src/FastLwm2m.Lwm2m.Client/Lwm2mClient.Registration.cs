using System.Globalization;
using FastLwm2m.Coap;
using FastLwm2m.Coap.LinkFormat;
using FastLwm2m.Lwm2m.Client.Internal;

namespace FastLwm2m.Lwm2m.Client;

/// <summary>
/// The registration interface, client side (Core §6.2, Transport §6.2): Register, Updates driven
/// by the lifetime and by changes, re-registration when the server forgot the client, De-register;
/// and queue mode's sleeping (Transport §6.5).
/// </summary>
public sealed partial class Lwm2mClient
{
    private const string RegistrationRoot = "rd";

    private readonly SemaphoreSlim _exchange = new(1, 1);
    private CoapEndpoint? _coap;
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private TaskCompletionSource _signal = NewSignal();
    private int _state;
    private string[]? _location;
    private uint _registeredLifetime;
    private string _registeredBinding = "";
    private bool _objectsChanged;
    private bool _updateRequested;
    private long _nextActionAt;

    /// <summary>Where the client is in its life.</summary>
    public Lwm2mClientState State => (Lwm2mClientState)Volatile.Read(ref _state);

    /// <summary>The registration's location, e.g. "/rd/5a3f", while registered.</summary>
    public string? RegistrationLocation
    {
        get
        {
            lock (Sync)
            {
                return _location is null ? null : "/" + string.Join('/', _location);
            }
        }
    }

    /// <summary>The registration id (the last segment of the location) while registered.</summary>
    public string? RegistrationId
    {
        get
        {
            lock (Sync)
            {
                return _location?[^1];
            }
        }
    }

    /// <summary>
    /// Binds the CoAP endpoint and registers. Completes with the Register's outcome; when it
    /// failed, the client keeps trying every <see cref="Lwm2mClientOptions.RetryDelay"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The client is already started.</exception>
    public async Task<Lwm2mResponse> StartAsync(CancellationToken cancellationToken = default)
    {
        lock (Sync)
        {
            if (_state != (int)Lwm2mClientState.Stopped)
            {
                throw new InvalidOperationException("The client is already started.");
            }

            _state = (int)Lwm2mClientState.Registering;
            _sleeping = false;
        }

        CoapEndpoint coap;
        try
        {
            coap = new CoapEndpoint(CoapOptions(), new ClientRequestHandler(this));
            coap.HandlerFailed += e => Lwm2mClientLog.HandlerFailed(_logger, EndpointName, e);
            coap.Start();
        }
        catch
        {
            lock (Sync)
            {
                _state = (int)Lwm2mClientState.Stopped;
            }

            throw;
        }

        _coap = coap;
        _stopping = new CancellationTokenSource();
        Lwm2mResponse first;
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, cancellationToken))
        {
            await _exchange.WaitAsync(linked.Token).ConfigureAwait(false);
            try
            {
                first = await RegisterCoreAsync(coap, linked.Token).ConfigureAwait(false);
            }
            finally
            {
                _exchange.Release();
            }
        }

        var stop = _stopping.Token;
        _loop = Task.Run(() => RunAsync(coap, stop), CancellationToken.None);
        return first;
    }

    /// <summary>
    /// Stops: de-registers first when <paramref name="deregister"/> (Core §6.2.3; pass false to
    /// vanish as a device that lost power does), then closes the endpoint. The client can be
    /// started again.
    /// </summary>
    public async Task StopAsync(bool deregister = true)
    {
        CoapEndpoint? coap;
        lock (Sync)
        {
            if (_state == (int)Lwm2mClientState.Stopped)
            {
                return;
            }

            coap = _coap;
        }

        _stopping?.Cancel();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        string[]? location;
        lock (Sync)
        {
            location = _location;
        }

        if (deregister && location is not null && coap is not null)
        {
            await _exchange.WaitAsync().ConfigureAwait(false);
            try
            {
                var result = await coap.SendAsync(NewRequest(CoapCode.Delete, location), _options.ServerEndPoint!).ConfigureAwait(false);
                var response = ToResponse(result);
                Lwm2mClientLog.Deregistered(_logger, EndpointName, response.ToString());
                if (response.IsSuccess)
                {
                    Deregistered?.Invoke(this);
                }
            }
            finally
            {
                _exchange.Release();
            }
        }

        HeldRequest[] held;
        lock (Sync)
        {
            _location = null;
            _state = (int)Lwm2mClientState.Stopped;
            _sleeping = false;
            held = _held.ToArray();
            _held.Clear();
            DropObservations();
        }

        foreach (var request in held)
        {
            _ = request.Response.RespondAsync(new CoapMessage(CoapCode.ServiceUnavailable));
        }

        if (coap is not null)
        {
            await coap.StopAsync().ConfigureAwait(false);
        }

        _coap = null;
        _loop = null;
        _stopping?.Dispose();
        _stopping = null;
    }

    /// <summary>
    /// Asks for an Update soon (Core §6.2.2: after a change of lifetime, binding or objects; the
    /// Server object's Registration Update Trigger).
    /// </summary>
    public void RequestUpdate()
    {
        lock (Sync)
        {
            _updateRequested = true;
        }

        Signal();
    }

    /// <summary>
    /// Sends an Update now and waits for it (a server that answers 4.04 gets a new Register, whose
    /// outcome follows in <see cref="Registered"/> or <see cref="RegistrationFailed"/>).
    /// </summary>
    public async Task<Lwm2mResponse> UpdateAsync(CancellationToken cancellationToken = default)
    {
        var coap = _coap;
        if (coap is null || RegistrationLocation is null)
        {
            return Lwm2mResponse.Invalid("the client is not registered");
        }

        await _exchange.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await UpdateCoreAsync(coap, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _exchange.Release();
        }
    }

    private async Task RunAsync(CoapEndpoint coap, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var signal = Volatile.Read(ref _signal).Task;
            long wait;
            lock (Sync)
            {
                wait = _updateRequested ? 0 : _nextActionAt - NowMilliseconds;
            }

            if (wait > 0)
            {
                using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var delay = Task.Delay(TimeSpan.FromMilliseconds(wait), _time, cancelDelay.Token);
                await Task.WhenAny(signal, delay).ConfigureAwait(false);
                cancelDelay.Cancel();
                continue;
            }

            try
            {
                await _exchange.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (RegistrationLocation is null)
                {
                    await RegisterCoreAsync(coap, stop).ConfigureAwait(false);
                }
                else
                {
                    await UpdateCoreAsync(coap, stop).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An event handler threw: keep the registration alive, try again later.
                Lwm2mClientLog.HandlerFailed(_logger, EndpointName, e);
                lock (Sync)
                {
                    _updateRequested = false;
                    _nextActionAt = NowMilliseconds + (long)_options.RetryDelay.TotalMilliseconds;
                }
            }
            finally
            {
                _exchange.Release();
            }
        }
    }

    private async Task<Lwm2mResponse> RegisterCoreAsync(CoapEndpoint coap, CancellationToken cancellationToken)
    {
        var request = NewRequest(CoapCode.Post, [RegistrationRoot]);
        uint lifetime;
        string binding;
        lock (Sync)
        {
            lifetime = CurrentLifetime();
            binding = CurrentBinding();
            request.AddUriQuery("ep=" + EndpointName);
            request.AddUriQuery("lt=" + lifetime.ToString(CultureInfo.InvariantCulture));
            if (_options.Version != Lwm2mVersion.V1_0)
            {
                request.AddUriQuery("lwm2m=" + _options.Version.ToText());
            }

            request.AddUriQuery("b=" + binding);
            if (_options.QueueMode && _options.Version != Lwm2mVersion.V1_0)
            {
                request.AddUriQuery("Q");
            }

            if (_options.SmsNumber is { } sms)
            {
                request.AddUriQuery("sms=" + sms);
            }

            request.ContentFormat = CoapContentFormat.LinkFormat;
            request.Payload = System.Text.Encoding.UTF8.GetBytes(BuildObjectLinks());
            _objectsChanged = false;
            _updateRequested = false;

            // A new registration ends the server's observations of the previous one (Core §6.2.1).
            // Drop them before the Register goes out, not when its 2.01 arrives: the server may
            // already observe for the new registration before this client has read the 2.01.
            DropObservations();
        }

        var result = await coap.SendAsync(request, _options.ServerEndPoint!, cancellationToken).ConfigureAwait(false);
        var response = ToResponse(result);
        string[]? location = null;
        if (response.IsSuccess)
        {
            location = result.Response!.Options.Where(o => o.Number == CoapOptionNumber.LocationPath).Select(o => o.AsString()).ToArray();
            if (location.Length == 0)
            {
                response = new Lwm2mResponse(Lwm2mOutcome.BadResponse, response.Code, "the Register response has no Location-Path");
            }
        }

        if (!response.IsSuccess)
        {
            if (response.Outcome == Lwm2mOutcome.Cancelled)
            {
                return response;
            }

            lock (Sync)
            {
                _location = null;
                _nextActionAt = NowMilliseconds + (long)_options.RetryDelay.TotalMilliseconds;
            }

            Lwm2mClientLog.RegistrationFailed(_logger, EndpointName, response.ToString());
            RegistrationFailed?.Invoke(this, response);
            return response;
        }

        string text = "/" + string.Join('/', location!);
        lock (Sync)
        {
            _location = location;
            _registeredLifetime = lifetime;
            _registeredBinding = binding;
            _nextActionAt = NowMilliseconds + UpdateInterval(lifetime);
            _state = (int)Lwm2mClientState.Registered;
        }

        Lwm2mClientLog.Registered(_logger, EndpointName, _options.ServerEndPoint!.ToString(), text);
        Registered?.Invoke(this, text);
        return response;
    }

    private async Task<Lwm2mResponse> UpdateCoreAsync(CoapEndpoint coap, CancellationToken cancellationToken)
    {
        string[] location;
        uint lifetime;
        string binding;
        bool sendObjects;
        CoapMessage request;
        lock (Sync)
        {
            if (_location is null)
            {
                return Lwm2mResponse.Invalid("the client is not registered");
            }

            location = _location;
            lifetime = CurrentLifetime();
            binding = CurrentBinding();
            sendObjects = _objectsChanged;
            _objectsChanged = false;
            _updateRequested = false;
            request = NewRequest(CoapCode.Post, location);
            if (lifetime != _registeredLifetime)
            {
                request.AddUriQuery("lt=" + lifetime.ToString(CultureInfo.InvariantCulture));
            }

            if (binding != _registeredBinding)
            {
                request.AddUriQuery("b=" + binding);
            }

            if (sendObjects)
            {
                request.ContentFormat = CoapContentFormat.LinkFormat;
                request.Payload = System.Text.Encoding.UTF8.GetBytes(BuildObjectLinks());
            }
        }

        var result = await coap.SendAsync(request, _options.ServerEndPoint!, cancellationToken).ConfigureAwait(false);
        var response = ToResponse(result);
        if (response.IsSuccess)
        {
            lock (Sync)
            {
                _registeredLifetime = lifetime;
                _registeredBinding = binding;
                _nextActionAt = NowMilliseconds + UpdateInterval(lifetime);
            }

            Lwm2mClientLog.Updated(_logger, EndpointName);
            Updated?.Invoke(this);
            return response;
        }

        lock (Sync)
        {
            _objectsChanged |= sendObjects;
        }

        if (response.Outcome == Lwm2mOutcome.Cancelled)
        {
            return response;
        }

        // The server forgot the registration (4.04), refused the Update or did not answer: register
        // again, as Leshan's client does (Core §6.2.2: 4.04 means the client must register again).
        Lwm2mClientLog.UpdateFailed(_logger, EndpointName, response.ToString());
        lock (Sync)
        {
            _location = null;
            _state = (int)Lwm2mClientState.Registering;
        }

        RegistrationFailed?.Invoke(this, response);
        await RegisterCoreAsync(coap, cancellationToken).ConfigureAwait(false);
        return response;
    }

    /// <summary>The objects and instances the client registers (Core §6.2.1; Security and OSCORE are left out).</summary>
    private string BuildObjectLinks()
    {
        var links = new List<CoreLink>();
        var root = new List<LinkAttribute> { new("rt", "oma.lwm2m", isQuoted: true) };
        if (_options.Version != Lwm2mVersion.V1_0 && _options.AdvertiseContentFormats)
        {
            string ct = string.Join(' ', _contentFormats.Select(f => f.ToString(CultureInfo.InvariantCulture)));
            root.Add(new LinkAttribute("ct", ct, isQuoted: _contentFormats.Length > 1));
        }

        links.Add(new CoreLink("/", root));
        foreach (var enabler in _objects.Values)
        {
            if (enabler.Id is 0 or 21)
            {
                continue;
            }

            var version = enabler.Model.Version;
            bool hasInstances = enabler.Instances.Count > 0;
            if (version != ObjectVersion.Default)
            {
                links.Add(new CoreLink($"/{enabler.Id}", new LinkAttribute("ver", version.ToString())));
            }
            else if (!hasInstances)
            {
                links.Add(new CoreLink($"/{enabler.Id}"));
            }

            foreach (int instanceId in enabler.Instances.Keys)
            {
                links.Add(new CoreLink($"/{enabler.Id}/{instanceId}"));
            }
        }

        return LinkFormatWriter.Format(links);
    }

    /// <summary>The lifetime: the Server object's (it may have been written), else the option.</summary>
    private uint CurrentLifetime() =>
        GetObject(1)?.Instances.Values.FirstOrDefault()?.GetResource(ServerEnabler.LifetimeId) is Lwm2mSingleResource { Value: { Type: ResourceType.Integer } value }
        && value.AsInteger() is > 0 and <= uint.MaxValue
            ? (uint)value.AsInteger()
            : _options.LifetimeSeconds;

    /// <summary>The binding: the Server object's if valid (it may have been written), else the option's.</summary>
    private string CurrentBinding()
    {
        string configured = StandardObjects.BindingText(_options.Binding, _options.QueueMode, _options.Version);
        if (GetObject(1)?.Instances.Values.FirstOrDefault()?.GetResource(ServerEnabler.BindingId) is Lwm2mSingleResource { Value: { Type: ResourceType.String } value }
            && BindingModes.TryParse(System.Text.Encoding.ASCII.GetBytes(value.AsString()), out _))
        {
            return value.AsString();
        }

        return configured;
    }

    private long UpdateInterval(uint lifetime) => Math.Max(1000, (long)(lifetime * 1000.0 * _options.UpdateLifetimeFraction));

    private long NowMilliseconds => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void Signal() => Interlocked.Exchange(ref _signal, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static CoapMessage NewRequest(CoapCode method, IEnumerable<string> path)
    {
        var request = new CoapMessage(method);
        foreach (string segment in path)
        {
            request.AddOption(CoapOptionNumber.UriPath, segment);
        }

        return request;
    }

    /// <summary>A CoAP outcome as an LwM2M response: network outcomes are values, never exceptions.</summary>
    private static Lwm2mResponse ToResponse(CoapResult result)
    {
        if (result is { Status: CoapResultStatus.Response, Response: { } response })
        {
            var code = Lwm2mResponseCodes.FromCoap(response.Code);
            return new Lwm2mResponse(Lwm2mOutcome.Response, code, response.Code.IsSuccess || response.Payload.IsEmpty ? null : response.PayloadText);
        }

        return result.Status switch
        {
            CoapResultStatus.Timeout => new Lwm2mResponse(Lwm2mOutcome.Timeout, Lwm2mResponseCode.Other, "the server did not answer in time"),
            CoapResultStatus.Reset => new Lwm2mResponse(Lwm2mOutcome.Reset, Lwm2mResponseCode.Other, "the server answered RST"),
            CoapResultStatus.Cancelled => new Lwm2mResponse(Lwm2mOutcome.Cancelled, Lwm2mResponseCode.Other, "cancelled"),
            CoapResultStatus.Rejected => new Lwm2mResponse(Lwm2mOutcome.Rejected, Lwm2mResponseCode.Other, "too many requests wait for the server"),
            _ => new Lwm2mResponse(Lwm2mOutcome.BadResponse, Lwm2mResponseCode.Other, $"unexpected result {result.Status}"),
        };
    }
}
