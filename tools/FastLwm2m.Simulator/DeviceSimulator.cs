using FastLwm2m.Lwm2m;
using FastLwm2m.Lwm2m.Client;

namespace FastLwm2m.Simulator;

/// <summary>
/// Runs simulated devices: each a <see cref="Lwm2mClient"/> that registers and, every interval,
/// changes what a real tracker would (battery level, signal strength and link quality,
/// location), so that observations and telemetry have something to report.
/// </summary>
public sealed class DeviceSimulator
{
    private readonly SimulatorOptions _options;
    private readonly TextWriter _log;

    /// <summary>Creates a simulator.</summary>
    public DeviceSimulator(SimulatorOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
    }

    /// <summary>Devices that registered at least once.</summary>
    public int RegisteredCount => Volatile.Read(ref _registered);

    private int _registered;

    /// <summary>Runs until cancelled or the duration passes; de-registers every device at the end.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var clients = new List<Lwm2mClient>();
        try
        {
            for (int i = 1; i <= _options.Count; i++)
            {
                string name = _options.Count == 1 ? _options.Endpoint : $"{_options.Endpoint}-{i}";
                var client = new Lwm2mClient(new Lwm2mClientOptions
                {
                    EndpointName = name,
                    ServerEndPoint = _options.Server,
                    LifetimeSeconds = _options.LifetimeSeconds,
                    Version = _options.Version,
                    QueueMode = _options.QueueMode,
                });
                client.Registered += (c, id) =>
                {
                    Interlocked.Increment(ref _registered);
                    _log.WriteLine($"{c.EndpointName}: registered as {id}");
                };
                client.RegistrationFailed += (c, r) => _log.WriteLine($"{c.EndpointName}: registration failed: {r}");
                clients.Add(client);
                var response = await client.StartAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    _log.WriteLine($"{name}: Register answered {response} (the client retries)");
                }
            }

            using var timeout = _options.Duration is { } d ? new CancellationTokenSource(d) : new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var timer = new PeriodicTimer(_options.Interval);
            int step = 0;
            try
            {
                while (await timer.WaitForNextTickAsync(linked.Token).ConfigureAwait(false))
                {
                    step++;
                    foreach (var client in clients)
                    {
                        Change(client, step);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Duration over or Ctrl-C.
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.StopAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Values a moving, discharging tracker reports.</summary>
    private static void Change(Lwm2mClient client, int step)
    {
        int battery = Math.Max(0, 100 - (step % 100));
        Try(client, Lwm2mPath.Resource(3, 0, 9), Lwm2mValue.FromInteger(battery));
        Try(client, Lwm2mPath.Resource(4, 0, 2), Lwm2mValue.FromInteger(-70 - (step % 30)));    // Radio Signal Strength, dBm
        Try(client, Lwm2mPath.Resource(4, 0, 3), Lwm2mValue.FromInteger(100 - (step % 50)));    // Link Quality
        Try(client, Lwm2mPath.Resource(6, 0, 0), Lwm2mValue.FromFloat(50.45 + (step * 0.0001))); // Latitude
        Try(client, Lwm2mPath.Resource(6, 0, 1), Lwm2mValue.FromFloat(30.52 + (step * 0.0001))); // Longitude
    }

    private static void Try(Lwm2mClient client, Lwm2mPath path, Lwm2mValue value)
    {
        try
        {
            client.SetValue(path, value);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            // The device's object model has no such resource: nothing to simulate there.
        }
    }
}
