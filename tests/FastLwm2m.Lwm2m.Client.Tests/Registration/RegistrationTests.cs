using FastLwm2m.Coap;

namespace FastLwm2m.Lwm2m.Client.Tests.Registration;

/// <summary>Register, Update, De-register, re-registration and queue mode against the real server.</summary>
public class RegistrationTests
{
    [Fact]
    public async Task Client_RegistersWithItsObjectVersionsInstancesAndContentFormats()
    {
        await using var bed = await TestBed.StartAsync();

        var registration = bed.Registration;
        Assert.Equal(Lwm2mClientState.Registered, bed.Client.State);
        Assert.Equal($"/rd/{registration.Id}", bed.Client.RegistrationLocation);
        Assert.Equal(Lwm2mVersion.V1_1, registration.Version);
        Assert.Equal(60u, registration.LifetimeSeconds);
        Assert.Equal(BindingMode.U, registration.Binding);
        Assert.False(registration.QueueMode);
        Assert.Equal(new ObjectVersion(1, 1), registration.GetObjectVersion(1));
        Assert.Equal(new ObjectVersion(1, 2), registration.GetObjectVersion(3));
        Assert.Equal(new ObjectVersion(1, 2), registration.GetObjectVersion(5));
        Assert.Equal(new ObjectVersion(1, 0), registration.GetObjectVersion(19));
        Assert.Null(registration.GetObjectVersion(0)); // Security is never registered (Core §6.2.1)
        Assert.Contains((3, 0), registration.ObjectInstances);
        Assert.Contains((19, 0), registration.ObjectInstances);
        Assert.True(registration.ContentFormats.Supports(CoapContentFormat.SenmlCbor));
        Assert.True(registration.ContentFormats.Supports(CoapContentFormat.Lwm2mTlv));
        Assert.True(registration.ContentFormats.Supports(CoapContentFormat.Lwm2mCbor));
    }

    [Fact]
    public async Task UpdateAsync_IsAcceptedAndRaisesUpdatedOnBothSides()
    {
        await using var bed = await TestBed.StartAsync();
        var serverSaw = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Server.Registrations.Updated += (_, _) => serverSaw.TrySetResult();
        int clientUpdates = 0;
        bed.Client.Updated += _ => Interlocked.Increment(ref clientUpdates);

        var response = await bed.Client.UpdateAsync().WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mResponseCode.Changed, response.Code);
        await serverSaw.Task.WaitAsync(TestBed.Timeout);
        Assert.Equal(1, Volatile.Read(ref clientUpdates));
    }

    [Fact]
    public async Task Lifetime_DrivesPeriodicUpdates()
    {
        await using var bed = await TestBed.StartAsync(o =>
        {
            o.LifetimeSeconds = 2;
            o.UpdateLifetimeFraction = 0.5;
        });
        var updated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Server.Registrations.Updated += (_, _) => updated.TrySetResult();

        await updated.Task.WaitAsync(TestBed.Timeout);

        Assert.Equal(2u, bed.Registration.LifetimeSeconds);
    }

    [Fact]
    public async Task WriteOfTheServerLifetime_SendsAnUpdateCarryingIt()
    {
        await using var bed = await TestBed.StartAsync();

        var write = await bed.Server.WriteAsync(bed.Registration, Lwm2mPath.Parse("/1/0/1"), new Lwm2mSingleResource(1, Lwm2mValue.FromInteger(120)), contentFormat: CoapContentFormat.Lwm2mTlv);

        Assert.Equal(Lwm2mResponseCode.Changed, write.Code);
        await TestBed.WaitUntil(() => bed.Registration.LifetimeSeconds == 120, "an Update with lt=120");
    }

    [Fact]
    public async Task RegistrationUpdateTrigger_SendsAnUpdate()
    {
        await using var bed = await TestBed.StartAsync();
        var updated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Server.Registrations.Updated += (_, _) => updated.TrySetResult();

        var execute = await bed.Server.ExecuteAsync(bed.Registration, Lwm2mPath.Parse("/1/0/8"));

        Assert.Equal(Lwm2mResponseCode.Changed, execute.Code);
        await updated.Task.WaitAsync(TestBed.Timeout);
    }

    [Fact]
    public async Task AnInstanceAddedLocally_IsAnnouncedInAnUpdate()
    {
        await using var bed = await TestBed.StartAsync();

        bed.Client.GetObject(19)!.AddInstance(new InstanceEnabler(TestBed.Model(19), 7));

        await TestBed.WaitUntil(() => bed.Registration.ObjectInstances.Contains((19, 7)), "an Update listing /19/7");
    }

    [Fact]
    public async Task ServerThatForgotTheRegistration_GetsANewRegister()
    {
        await using var bed = await TestBed.StartAsync();
        string first = bed.Registration.Id;
        var registered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Client.Registered += (_, location) => registered.TrySetResult(location);
        Assert.NotNull(bed.Server.Registrations.Deregister(first));

        var update = await bed.Client.UpdateAsync().WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mResponseCode.NotFound, update.Code);
        string location = await registered.Task.WaitAsync(TestBed.Timeout);
        Assert.NotEqual(first, bed.Registration.Id);
        Assert.Equal($"/rd/{bed.Registration.Id}", location);
    }

    [Fact]
    public async Task StopAsync_Deregisters()
    {
        var server = TestBed.StartServer();
        await using var _ = server;
        var client = new Lwm2mClient(TestBed.ClientOptions(server));
        Assert.True((await client.StartAsync().WaitAsync(TestBed.Timeout)).IsSuccess);
        var deregistered = new TaskCompletionSource<DeregistrationReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Registrations.Deregistered += (_, reason) => deregistered.TrySetResult(reason);

        await client.StopAsync().WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mClientState.Stopped, client.State);
        await deregistered.Task.WaitAsync(TestBed.Timeout);
        Assert.Null(server.Registrations.Store.GetByEndpoint(client.EndpointName));
    }

    [Fact]
    public async Task StoppedClient_CanStartAgain()
    {
        var server = TestBed.StartServer();
        await using var _ = server;
        var client = new Lwm2mClient(TestBed.ClientOptions(server));
        Assert.True((await client.StartAsync().WaitAsync(TestBed.Timeout)).IsSuccess);
        await client.StopAsync().WaitAsync(TestBed.Timeout);

        var again = await client.StartAsync().WaitAsync(TestBed.Timeout);

        Assert.True(again.IsSuccess, again.ToString());
        Assert.NotNull(server.Registrations.Store.GetByEndpoint(client.EndpointName));
        await client.StopAsync().WaitAsync(TestBed.Timeout);
    }

    [Fact]
    public async Task Lwm2m10Client_RegistersWithoutVersionAndIsReadInTlv()
    {
        await using var bed = await TestBed.StartAsync(o => o.Version = Lwm2mVersion.V1_0);

        Assert.Equal(Lwm2mVersion.V1_0, bed.Registration.Version);
        Assert.Equal(new ObjectVersion(1, 0), bed.Registration.GetObjectVersion(3));
        var read = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0"));
        Assert.True(read.IsSuccess, read.ToString());
        Assert.Equal(CoapContentFormat.Lwm2mTlv, read.ContentFormat);
        var device = Assert.IsType<Lwm2mObjectInstance>(read.Content);
        Assert.Equal(Lwm2mValue.FromString("FastLwm2m"), ((Lwm2mSingleResource)device.Resources[0]).Value);
    }

    [Fact]
    public async Task Lwm2m12Client_RegistersTheObjectVersionsOf12()
    {
        await using var bed = await TestBed.StartAsync(o => o.Version = Lwm2mVersion.V1_2);

        Assert.Equal(Lwm2mVersion.V1_2, bed.Registration.Version);
        Assert.Equal(new ObjectVersion(1, 2), bed.Registration.GetObjectVersion(1));
        var read = await bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/1/0"), CoapContentFormat.Lwm2mCbor);
        Assert.True(read.IsSuccess, read.ToString());
    }

    [Fact]
    public async Task QueueModeClient_AsleepHoldsRequests_AndAnswersThemWhenItWakesUp()
    {
        await using var bed = await TestBed.StartAsync(
            o => o.QueueMode = true,
            s => s.Registration.QueueModeAwakeTime = TimeSpan.FromMilliseconds(200));
        Assert.True(bed.Registration.QueueMode);
        bed.Client.Sleep();

        var read = bed.Server.ReadAsync(bed.Registration, Lwm2mPath.Parse("/3/0/0"));
        await TestBed.WaitUntil(() => bed.Server.QueuedRequestCount(bed.Client.EndpointName) == 1 || bed.Client.HeldRequestCount == 1, "the read to wait for the sleeping client");
        Assert.False(read.IsCompleted);

        var update = await bed.Client.WakeUpAsync().WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mResponseCode.Changed, update.Code);
        var response = await read.WaitAsync(TestBed.Timeout);
        Assert.True(response.IsSuccess, response.ToString());
        Assert.Equal(Lwm2mValue.FromString("FastLwm2m"), Assert.IsType<Lwm2mSingleResource>(response.Content).Value);
    }

    [Fact]
    public async Task ClientThatVanished_TimesOutOnTheServer()
    {
        await using var bed = await TestBed.StartAsync(configureServer: s =>
        {
            s.Coap.AckTimeout = TimeSpan.FromMilliseconds(100);
            s.Coap.MaxRetransmit = 1;
        });
        var registration = bed.Registration;
        await bed.Client.StopAsync(deregister: false).WaitAsync(TestBed.Timeout);

        var read = await bed.Server.ReadAsync(registration, Lwm2mPath.Parse("/3/0/9")).WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mOutcome.Timeout, read.Outcome);
    }

    [Fact]
    public async Task RefusedRegister_IsReportedAndRetried()
    {
        var server = TestBed.StartServer(s => s.Registration.MinLifetimeSeconds = 120);
        await using var _ = server;
        var client = new Lwm2mClient(TestBed.ClientOptions(server));
        int failures = 0;
        var retried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.RegistrationFailed += (_, response) =>
        {
            if (Interlocked.Increment(ref failures) == 2)
            {
                retried.TrySetResult();
            }
        };

        var first = await client.StartAsync().WaitAsync(TestBed.Timeout);

        Assert.Equal(Lwm2mResponseCode.BadRequest, first.Code);
        Assert.Contains("lifetime", first.ErrorMessage);
        await retried.Task.WaitAsync(TestBed.Timeout);
        Assert.Equal(Lwm2mClientState.Registering, client.State);
        await client.StopAsync().WaitAsync(TestBed.Timeout);
    }
}
