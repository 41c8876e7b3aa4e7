using System.Diagnostics;
using System.Threading.Channels;

namespace FastLwm2m.Lwm2m.Client.Tests.Observe;

/// <summary>Collects the server's notifications for one observation, with the time each arrived.</summary>
internal sealed class NotificationRecorder
{
    private readonly Channel<(TimeSpan At, Lwm2mNotification Notification)> _channel = Channel.CreateUnbounded<(TimeSpan, Lwm2mNotification)>();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private Lwm2mObservation? _observation;

    public NotificationRecorder(Lwm2mServer server) => server.NotificationReceived += OnNotification;

    /// <summary>Time since the recorder was made.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public void Follow(Lwm2mObservation observation) => _observation = observation;

    public async Task<(TimeSpan At, Lwm2mNotification Notification)> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TestBed.Timeout);
        try
        {
            return await _channel.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("Timed out waiting for a notification.");
            throw;
        }
    }

    /// <summary>The value of the next notification of a single-value observation.</summary>
    public async Task<Lwm2mValue> NextValueAsync()
    {
        var (_, notification) = await NextAsync();
        return Assert.IsType<Lwm2mSingleResource>(notification.Content).Value;
    }

    public bool TryRead(out Lwm2mNotification? notification)
    {
        bool any = _channel.Reader.TryRead(out var item);
        notification = any ? item.Notification : null;
        return any;
    }

    private void OnNotification(Lwm2mNotification notification)
    {
        if (_observation is null || notification.Observation == _observation)
        {
            _channel.Writer.TryWrite((_clock.Elapsed, notification));
        }
    }
}
