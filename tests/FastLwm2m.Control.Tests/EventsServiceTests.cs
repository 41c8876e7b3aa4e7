using FastLwm2m.Control.V1;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Platform.Attributes;
using Grpc.Core;

namespace FastLwm2m.Control.Tests;

[Collection(ControlCollection.Name)]
public sealed class EventsServiceTests(ControlTestHost host)
{
    private readonly Events.EventsClient _events = new(host.Channel);

    [Fact]
    public async Task Subscribe_ThenADeviceRegisters_StreamsTheRegistration()
    {
        string endpoint = await CreateDeviceAsync("ev-reg");
        using var call = await SubscribeAsync(new SubscribeRequest { Devices = { endpoint } });

        await using Lwm2mClient client = await host.StartClientAsync(endpoint);
        Event e = await NextAsync(call);

        Assert.Equal(EventKind.Registration, e.Kind);
        Assert.Equal(endpoint, e.Endpoint);
        Assert.False(string.IsNullOrEmpty(e.Registration.RegistrationId));
        Assert.Equal(60u, e.Registration.LifetimeSeconds);
    }

    [Fact]
    public async Task Subscribe_ThenALogLineAndAnAttribute_StreamsBoth()
    {
        string endpoint = await CreateDeviceAsync("ev-log");
        using var call = await SubscribeAsync(new SubscribeRequest { Devices = { endpoint } });

        host.TransportLog.Append(endpoint, "hello");
        await host.Platform.Attributes.SetAsync(endpoint, [new AttributeValue("firmware", Lwm2mValue.FromString("1.0"), 1_000)]);
        Event log = await NextAsync(call);
        Event attribute = await NextAsync(call);

        Assert.Equal(EventKind.Log, log.Kind);
        Assert.Equal("hello", log.Log.Message);
        Assert.Equal(EventKind.Attribute, attribute.Kind);
        Assert.Equal("firmware", attribute.Attribute.Key);
        Assert.Equal("1.0", attribute.Attribute.Value.StringValue);
    }

    [Fact]
    public async Task Subscribe_WithADeviceFilter_ExcludesOtherDevices()
    {
        string wanted = await CreateDeviceAsync("ev-want");
        string other = await CreateDeviceAsync("ev-other");
        using var call = await SubscribeAsync(new SubscribeRequest { Devices = { wanted }, Kinds = { EventKind.Log } });

        host.TransportLog.Append(other, "not for you");
        host.TransportLog.Append(wanted, "for you");
        Event e = await NextAsync(call);

        Assert.Equal(wanted, e.Endpoint);
        Assert.Equal("for you", e.Log.Message);
    }

    [Fact]
    public async Task Subscribe_AsAnotherTenant_DoesNotSeeTheDevicesOfTheSystemTenant()
    {
        string endpoint = await CreateDeviceAsync("ev-tenant");
        string ownEndpoint = ControlTestHost.NewEndpoint("ev-own");
        var own = await host.Platform.Devices.CreateAsync(
            new FastLwm2m.Platform.TenantId("other-tenant"), ownEndpoint, host.ProfileId, new FastLwm2m.Platform.NoSecCredentials(ownEndpoint));
        Assert.True(own.Device is not null, own.ToString());
        using var other = await SubscribeAsync(new SubscribeRequest { Kinds = { EventKind.Log } }, tenant: "other-tenant");

        // The system device's line comes first; the other tenant's subscriber must skip it and
        // see its own device's line as its first event (no waiting for an absence).
        host.TransportLog.Append(endpoint, "system only");
        host.TransportLog.Append(ownEndpoint, "tenant's own");
        Event first = await NextAsync(other);

        Assert.Equal(ownEndpoint, first.Endpoint);
        Assert.Equal("tenant's own", first.Log.Message);
    }

    [Fact]
    public async Task Subscribe_WithABadProfileId_IsInvalidArgument()
    {
        using var call = _events.Subscribe(new SubscribeRequest { ProfileId = "nope" }, ControlTestHost.As());
        RpcException e = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    /// <summary>Subscribes and waits for the response headers: from then on the stream is subscribed to the sources.</summary>
    private async Task<AsyncServerStreamingCall<Event>> SubscribeAsync(SubscribeRequest request, string? tenant = null)
    {
        var headers = tenant is null ? null : new Metadata { { ControlMetadata.TenantHeader, tenant } };
        var call = _events.Subscribe(request, new CallOptions(headers: headers, deadline: DateTime.UtcNow + ControlTestHost.Timeout));
        await call.ResponseHeadersAsync.WaitAsync(ControlTestHost.Timeout);
        return call;
    }

    private static async Task<Event> NextAsync(AsyncServerStreamingCall<Event> call)
    {
        using var timeout = new CancellationTokenSource(ControlTestHost.Timeout);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the stream ended");
        return call.ResponseStream.Current;
    }

    private Task<string> CreateDeviceAsync(string prefix) => host.CreateNoSecDeviceAsync(ControlTestHost.NewEndpoint(prefix));
}
