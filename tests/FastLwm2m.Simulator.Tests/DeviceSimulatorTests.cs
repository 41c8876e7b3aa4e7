using System.Net;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Transport;

namespace FastLwm2m.Simulator.Tests;

/// <summary>The simulator against a real server on 127.0.0.1: devices register, their values move, they leave.</summary>
public class DeviceSimulatorTests
{
    [Fact]
    public async Task SimulatedDevices_Register_ReportChangingBattery_AndDeregisterWhenStopped()
    {
        await using var server = new Lwm2mServer(new Lwm2mServerOptions
        {
            Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0, LoopCount = 1 } },
        });
        server.Start();
        var allRegistered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Registrations.Registered += (_, _) =>
        {
            if (server.Registrations.Store.Count == 3)
            {
                allRegistered.TrySetResult();
            }
        };
        server.Registrations.Deregistered += (_, _) =>
        {
            if (server.Registrations.Store.Count == 0)
            {
                allGone.TrySetResult();
            }
        };

        var options = SimulatorOptions.Parse(
            ["--server", $"127.0.0.1:{server.LocalEndPoint.Port}", "--endpoint", "sim", "--count", "3", "--interval", "0.2"], out var error);
        Assert.Null(error);
        var simulator = new DeviceSimulator(options!, TextWriter.Null);
        using var stop = new CancellationTokenSource();
        var running = simulator.RunAsync(stop.Token);

        await allRegistered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["sim-1", "sim-2", "sim-3"], server.Registrations.Store.GetAll().Select(r => r.Endpoint).Order());

        // Observe the battery of one device: the simulator changes it every 0.2 s.
        var notified = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.NotificationReceived += n =>
        {
            if (n.Content is Lwm2mSingleResource { } r)
            {
                notified.TrySetResult(r.Value.AsInteger());
            }
        };
        var device = server.Registrations.Store.GetByEndpoint("sim-2")!;
        var observe = await server.ObserveAsync(device, Lwm2mPath.Parse("/3/0/9"));
        Assert.True(observe.IsSuccess, observe.ToString());
        long first = ((Lwm2mSingleResource)observe.Content!).Value.AsInteger();
        long next = await notified.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.InRange(next, 0, 100);
        Assert.NotEqual(first, next);

        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(20));
        await allGone.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(3, simulator.RegisteredCount);
    }

    [Theory]
    [InlineData(new[] { "--count", "0" }, "--count")]
    [InlineData(new[] { "--server", "nowhere" }, "--server")]
    [InlineData(new[] { "--lwm2m", "2.0" }, "--lwm2m")]
    [InlineData(new[] { "--bogus" }, "'--bogus'")]
    public void BadOption_IsRejectedNamingIt(string[] args, string named)
    {
        Assert.Null(SimulatorOptions.Parse(args, out var error));
        Assert.Contains(named, error);
    }
}
