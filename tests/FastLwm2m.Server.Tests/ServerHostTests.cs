using System.Diagnostics;
using System.Net;
using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;
using FastLwm2m.Storage.Sqlite;

namespace FastLwm2m.Server.Tests;

/// <summary>
/// The server as README starts it (a child process, embedded SQLite in its working directory), with
/// libcoap's client as the device.
/// </summary>
public class ServerHostTests
{
    private static async Task<string> CoapClientAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("coap-client-notls") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("install libcoap3-bin");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return await output + await error;
    }

    private static Task<string> RegisterAsync(ServerProcess server, string endpoint) =>
        CoapClientAsync("-v", "6", "-m", "post", "-t", "40", "-e", "</1/0>,</3/0>", $"coap://127.0.0.1:{server.CoapPort}/rd?ep={endpoint}&lt=60&lwm2m=1.1&b=U");

    [Fact]
    public async Task UnknownEndpoint_IsRefused403_UnlessAutoProvisioningIsOn_ThenTheDeviceIsStored()
    {
        string directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-server-tests", Guid.NewGuid().ToString("N"));
        await using (var closed = ServerProcess.Launch(directory: directory))
        {
            await closed.WaitUntilListeningAsync();
            var refused = await RegisterAsync(closed, "demo-1");
            Assert.Contains("4.03", refused);
            Assert.Contains("no device for endpoint demo-1", refused);
        }

        await using var open = ServerProcess.Launch(new Dictionary<string, string> { ["FastLwm2m__Provisioning__AutoProvisionNoSec"] = "true" }, directory);
        await open.WaitUntilListeningAsync();
        var accepted = await RegisterAsync(open, "demo-1");
        Assert.Contains("c:2.01", accepted);

        using var http = new HttpClient();
        string metrics = await http.GetStringAsync($"http://127.0.0.1:{open.HttpPort}/metrics");
        Assert.Contains("fastlwm2m_registrations_total{otel_scope_name=\"FastLwm2m\"} 1", metrics);
        Assert.Contains(open.Lines, l => l.Contains("Endpoint [demo-1] Client registered with registration id:"));
        Assert.Contains(open.Lines, l => l.Contains("auto-provisioned"));
        Assert.True(File.Exists(open.StorePath));
    }

    [Fact]
    public async Task BadOption_StopsStartUp_NamingTheKey()
    {
        await using var server = ServerProcess.Launch(new Dictionary<string, string> { ["FastLwm2m__Registration__QueueModeAwakeTimeSeconds"] = "0" });
        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, server.Process.ExitCode);
        await Task.Yield();
        Assert.Contains(server.Lines, l => l.Contains("Invalid configuration 'FastLwm2m:Registration:QueueModeAwakeTimeSeconds'"));
    }

    [Fact]
    public async Task GettingStarted_AutoProvisionedDevice_IsInitializedAndItsObservedTelemetryIsStored()
    {
        // An operator's first API key, made against the store before the server first starts.
        string directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-server-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string apiKey;
        using (var keysDatabase = await SqliteDatabase.OpenAsync(Path.Combine(directory, "fastlwm2m.db")))
        {
            var created = await new FastLwm2m.Platform.ApiKeys.ApiKeyService(new SqliteApiKeyStore(keysDatabase))
                .CreateAsync(FastLwm2m.Platform.ApiKeys.ApiKeyRole.SystemAdministrator, FastLwm2m.Platform.TenantId.System, "admin");
            apiKey = created.Token;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var server = ServerProcess.Launch(new Dictionary<string, string> { ["FastLwm2m__Provisioning__AutoProvisionNoSec"] = "true" }, directory);
        await server.WaitUntilListeningAsync();
        await using var device = new Lwm2mClient(new Lwm2mClientOptions
        {
            EndpointName = "getting-started",
            ServerEndPoint = new IPEndPoint(IPAddress.Loopback, server.CoapPort),
            Version = Lwm2mVersion.V1_1,
            LifetimeSeconds = 60,
        });

        var registered = await device.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(registered.IsSuccess, registered.ToString());

        // The built-in default profile observes the battery level (/3/0/9) as telemetry: wait until
        // the server observes it, then change it on the device and find the value in the store.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (device.ObservationCount == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        if (device.ObservationCount == 0)
        {
            using var diagnostics = await SqliteDatabase.OpenAsync(server.StorePath);
            await using var diagnosticLog = new SqliteTransportLog(diagnostics);
            var logged = await diagnosticLog.GetAsync("getting-started", 100);
            Assert.Fail($"the server set up no observation; transport log: {string.Join(" | ", logged.Select(l => l.Message))}; server said: {string.Join(" | ", server.Lines.Where(l => !l.Contains("Microsoft.")))}");
        }
        // Live events of this device's telemetry on the control plane's Events stream.
        using var eventsChannel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{server.ControlPort}");
        using var events = new FastLwm2m.Control.V1.Events.EventsClient(eventsChannel).Subscribe(
            new FastLwm2m.Control.V1.SubscribeRequest { Devices = { "getting-started" }, Kinds = { FastLwm2m.Control.V1.EventKind.Telemetry } },
            new Grpc.Core.Metadata { { "authorization", "Bearer " + apiKey } });
        await events.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(30)); // subscribed

        device.SetValue(Lwm2mPath.Parse("/3/0/9"), Lwm2mValue.FromInteger(77));
        bool sawBattery = false;
        using (var eventsTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!sawBattery && await events.ResponseStream.MoveNext(eventsTimeout.Token))
            {
                sawBattery = events.ResponseStream.Current.Telemetry.Points.Any(p => p.Key == "batteryLevel" && p.Value.IntegerValue == 77);
            }
        }

        Assert.True(sawBattery, "the Events stream carried the committed battery level");

        using var store = await SqliteDatabase.OpenAsync(server.StorePath);
        var telemetry = new SqliteTelemetryStore(store);
        IReadOnlyList<FastLwm2m.Platform.Telemetry.TelemetryPoint> latest = [];
        while (DateTime.UtcNow < deadline)
        {
            latest = await telemetry.GetLatestAsync("getting-started");
            if (latest.Any(p => p.Key == "batteryLevel" && p.Value == Lwm2mValue.FromInteger(77)))
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Contains(latest, p => p.Key == "batteryLevel" && p.Value == Lwm2mValue.FromInteger(77));

        // The device's transport log is in the file too: the registration line and the init results.
        await using var log = new SqliteTransportLog(store);
        IReadOnlyList<FastLwm2m.Platform.TransportLog.TransportLogEntry> lines = [];
        while (DateTime.UtcNow < deadline)
        {
            lines = await log.GetAsync("getting-started", 100);
            if (lines.Any(l => l.Message.Contains("Client registered with registration id")) && lines.Any(l => l.Message.Contains("Observe")))
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Contains(lines, l => l.Message.Contains("Client registered with registration id") && l.Message.Contains("LwM2mVersion: [1.1]"));
        Assert.Contains(lines, l => l.Message.Contains("Observe /3_1.2/0/9"));

        // The control plane (gRPC on its own HTTP/2 port): the device, registered, and an RPC to it.
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{server.ControlPort}");
        var unauthenticated = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await new FastLwm2m.Control.V1.Devices.DevicesClient(channel).ListAsync(new FastLwm2m.Control.V1.ListDevicesRequest()));
        Assert.Equal(Grpc.Core.StatusCode.Unauthenticated, unauthenticated.StatusCode);
        var key = new Grpc.Core.Metadata { { "authorization", "Bearer " + apiKey } };
        var devices = await new FastLwm2m.Control.V1.Devices.DevicesClient(channel).ListAsync(new FastLwm2m.Control.V1.ListDevicesRequest(), key);
        var listed = Assert.Single(devices.Devices);
        Assert.Equal("getting-started", listed.Endpoint);
        Assert.True(listed.Registration.Registered);
        var read = await new FastLwm2m.Control.V1.Rpc.RpcClient(channel).ExecuteAsync(new FastLwm2m.Control.V1.ExecuteRpcRequest
        {
            Device = new FastLwm2m.Control.V1.DeviceRef { Endpoint = "getting-started" },
            Method = "Read",
            ParamsJson = "{\"id\":\"/3/0/9\"}",
        }, key);
        Assert.Equal("CONTENT", read.Result);
        Assert.Contains("value=77", read.ResultJson);

        // By the profile's key instead of the path.
        var byKey = await new FastLwm2m.Control.V1.Rpc.RpcClient(channel).ExecuteAsync(new FastLwm2m.Control.V1.ExecuteRpcRequest
        {
            Device = new FastLwm2m.Control.V1.DeviceRef { Endpoint = "getting-started" },
            Method = "Read",
            ParamsJson = "{\"key\":\"batteryLevel\"}",
        }, key);
        Assert.Equal("CONTENT", byKey.Result);
        Assert.Contains("value=77", byKey.ResultJson);

        // The typed variant, and the device's downlink queue (empty: it is not in queue mode).
        var typed = await new FastLwm2m.Control.V1.Operations.OperationsClient(channel).ReadAsync(new FastLwm2m.Control.V1.ReadRequest
        {
            Device = new FastLwm2m.Control.V1.DeviceRef { Endpoint = "getting-started" },
            Target = new FastLwm2m.Control.V1.Target { Key = "batteryLevel" },
        }, key);
        Assert.Equal(77, typed.Node.SingleResource.Value.Integer);
        var got = await new FastLwm2m.Control.V1.Devices.DevicesClient(channel).GetAsync(
            new FastLwm2m.Control.V1.GetDeviceRequest { Device = new FastLwm2m.Control.V1.DeviceRef { Endpoint = "getting-started" } }, key);
        Assert.NotNull(got.DownlinkQueue);
        Assert.Equal(0u, got.DownlinkQueue.Depth);
    }
}
