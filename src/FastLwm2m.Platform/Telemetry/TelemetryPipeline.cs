using System.Threading.Channels;
using FastLwm2m.Coap;

namespace FastLwm2m.Platform.Telemetry;

/// <summary>
/// The bounded, batched path from notifications and Sends to the store (DESIGN.md "the hot path"):
/// the receive loop offers a batch with its deferred ACK and never waits; one writer drains what
/// has queued up into a single store transaction, and only after the commit are the devices
/// acknowledged. A full pipeline refuses the offer (the device keeps the data and retries); a
/// failed write rejects the ACKs (the device's retransmission is taken again). So nothing that was
/// acknowledged is ever lost, and a burst costs one transaction, not one per notification.
/// </summary>
public sealed class TelemetryPipeline : IAsyncDisposable
{
    private readonly Channel<Entry> _channel;
    private readonly ITelemetryStore _store;
    private readonly TelemetryPipelineOptions _options;
    private readonly Task _writer;
    private long _written;
    private long _refused;
    private long _failedWrites;

    private readonly record struct Entry(IReadOnlyList<TelemetryPoint> Points, CoapAcknowledgement? Acknowledgement, TaskCompletionSource? Written);

    /// <summary>Creates the pipeline and starts its writer.</summary>
    public TelemetryPipeline(ITelemetryStore store, TelemetryPipelineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new TelemetryPipelineOptions();
        if (_options.Capacity < 1 || _options.MaxPointsPerWrite < 1)
        {
            throw new ArgumentException("Telemetry pipeline option 'Capacity' and 'MaxPointsPerWrite' must be at least 1.", nameof(options));
        }

        _channel = Channel.CreateBounded<Entry>(new BoundedChannelOptions(_options.Capacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: we refuse, never drop
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>
    /// Raised by the writer after each successful store write, with the points it committed.
    /// Handlers run on the writer: they must return at once (queue the work, never block).
    /// </summary>
    public event Action<IReadOnlyList<TelemetryPoint>>? Committed;

    /// <summary>Points committed so far.</summary>
    public long WrittenPoints => Interlocked.Read(ref _written);

    /// <summary>Offers refused because the pipeline was full.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Store writes that failed (their devices were not acknowledged).</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>
    /// Offers points; <paramref name="acknowledgement"/> (if any) is acknowledged after they are
    /// committed, or rejected if the write fails. Returns false when full: then nothing was taken
    /// and the caller rejects the ACK itself. Never blocks.
    /// </summary>
    public bool TryOffer(IReadOnlyList<TelemetryPoint> points, CoapAcknowledgement? acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (_channel.Writer.TryWrite(new Entry(points, acknowledgement, null)))
        {
            return true;
        }

        Interlocked.Increment(ref _refused);
        return false;
    }

    /// <summary>Completes when everything offered before the call is committed (or failed).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _channel.Writer.WriteAsync(new Entry([], null, marker), cancellationToken).ConfigureAwait(false);
        await marker.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Entry>();
        var points = new List<TelemetryPoint>();
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            points.Clear();
            while (points.Count < _options.MaxPointsPerWrite && reader.TryRead(out var entry))
            {
                batch.Add(entry);
                points.AddRange(entry.Points);
            }

            bool ok = true;
            TelemetryPoint[]? committed = null;
            if (points.Count > 0)
            {
                try
                {
                    TelemetryPoint[] written = points.ToArray();
                    await _store.AppendAsync(written).ConfigureAwait(false);
                    Interlocked.Add(ref _written, points.Count);
                    committed = written;
                }
                catch (Exception)
                {
                    ok = false;
                    Interlocked.Increment(ref _failedWrites);
                }
            }

            if (committed is not null)
            {
                try
                {
                    Committed?.Invoke(committed);
                }
                catch (Exception)
                {
                    // A subscriber's bug must not stop the writer nor fail an ACK of data already committed.
                }
            }

            foreach (var entry in batch)
            {
                if (ok)
                {
                    entry.Acknowledgement?.Acknowledge();
                }
                else
                {
                    entry.Acknowledgement?.Reject();
                }

                entry.Written?.TrySetResult();
            }
        }
    }

    /// <summary>Stops taking offers and writes what was offered.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }
}
