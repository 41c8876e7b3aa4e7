using System.Net;
using System.Net.Sockets;
using FastLwm2m.Transport.Internal;

namespace FastLwm2m.Transport;

/// <summary>
/// A UDP endpoint with one receive loop per core. On Linux each loop has its own socket bound
/// to the same address with SO_REUSEPORT; elsewhere the loops share one socket. Binds IPv6 in
/// dual mode by default, so IPv4 peers arrive as IPv4-mapped addresses.
/// </summary>
/// <remarks>
/// Threads: one receive thread per loop, calling that loop's handler; with
/// <see cref="UdpEndpointOptions.AutoTick"/> one tick thread advancing every loop's wheel under
/// the loop's gate. Stopping closes the sockets, which aborts the blocked receives; do not block
/// on <see cref="StopAsync"/> from a handler or a timer callback, as it waits for those threads.
/// </remarks>
public sealed class UdpEndpoint : IAsyncDisposable
{
    private readonly UdpEndpointOptions _options;
    private readonly Func<UdpLoop, IDatagramHandler> _handlerFactory;
    private readonly MillisecondClock _clock;
    private readonly Lock _stateLock = new();
    private readonly ManualResetEventSlim _stopSignal = new();
    private UdpLoop[] _loops = [];
    private Socket[] _sockets = [];
    private IPEndPoint? _localEndPoint;
    private Thread? _tickThread;
    private bool _started;
    private Task? _stopTask;

    /// <summary>Creates an endpoint; <paramref name="handlerFactory"/> is called once per loop.</summary>
    /// <exception cref="ArgumentException">An invalid option (the message names it).</exception>
    public UdpEndpoint(UdpEndpointOptions options, Func<UdpLoop, IDatagramHandler> handlerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handlerFactory);
        options.Validate();
        _options = options;
        _handlerFactory = handlerFactory;
        _clock = new MillisecondClock(options.TimeProvider);
    }

    /// <summary>The bound address and port (valid after <see cref="Start"/>).</summary>
    /// <exception cref="InvalidOperationException">The endpoint has not been started.</exception>
    public IPEndPoint LocalEndPoint => _localEndPoint ?? throw new InvalidOperationException("The UDP endpoint has not been started.");

    /// <summary>The loops (created by <see cref="Start"/>).</summary>
    public IReadOnlyList<UdpLoop> Loops => _loops;

    /// <summary>The thread advancing the wheels, when started with AutoTick.</summary>
    internal Thread? TickThread => _tickThread;

    /// <summary>Binds the sockets and starts the receive threads (and the tick thread if AutoTick).</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The address could not be bound.</exception>
    /// <exception cref="InvalidOperationException">The endpoint was already started or stopped.</exception>
    public void Start()
    {
        lock (_stateLock)
        {
            if (_started || _stopTask is not null)
            {
                throw new InvalidOperationException("A UDP endpoint can be started once.");
            }

            Socket[] sockets = UdpSockets.Bind(_options);
            UdpLoop[] loops;
            try
            {
                loops = new UdpLoop[_options.LoopCount];
                for (int i = 0; i < loops.Length; i++)
                {
                    var loop = new UdpLoop(i, sockets[i % sockets.Length], _clock, _options);
                    loop.SetHandler(_handlerFactory(loop) ?? throw new InvalidOperationException("The handler factory returned null."));
                    loops[i] = loop;
                }
            }
            catch
            {
                foreach (Socket socket in sockets)
                {
                    socket.Dispose();
                }

                throw;
            }

            _sockets = sockets;
            _localEndPoint = (IPEndPoint)sockets[0].LocalEndPoint!;
            _loops = loops;
            _started = true;
            foreach (UdpLoop loop in loops)
            {
                loop.StartReceiving();
            }

            if (_options.AutoTick)
            {
                _tickThread = new Thread(RunTicks) { IsBackground = true, Name = "fastlwm2m-tick" };
                _tickThread.UnsafeStart();
            }
        }
    }

    /// <summary>Advances every loop's wheel to the clock's current time (under each loop's gate).</summary>
    /// <remarks>An exception from a timer callback counts as a handler error of its loop.</remarks>
    public void Tick()
    {
        long now = _clock.NowMilliseconds;
        foreach (UdpLoop loop in _loops)
        {
            loop.AdvanceTimers(now);
        }
    }

    /// <summary>Counters summed over the loops.</summary>
    public TransportCounters GetCounters()
    {
        TransportCounters sum = default;
        foreach (UdpLoop loop in _loops)
        {
            sum += loop.Counters.Snapshot();
        }

        return sum;
    }

    /// <summary>Stops receiving, waits for the threads to end, closes the sockets. Idempotent.</summary>
    public Task StopAsync()
    {
        lock (_stateLock)
        {
            if (_stopTask is not null)
            {
                return _stopTask;
            }

            if (!_started)
            {
                _stopTask = Task.CompletedTask;
                return _stopTask;
            }

            foreach (UdpLoop loop in _loops)
            {
                loop.RequestStop();
            }

            _stopSignal.Set();

            // Disposing aborts a receive blocked in the kernel: a plain close(2) would leave a
            // recvfrom blocked on Linux, but .NET unblocks pending calls (shutdown(2)) before it
            // closes, and on Windows closesocket does it; the StopAsync tests hold us to that.
            // The loop then sees its stop flag and exits.
            foreach (Socket socket in _sockets)
            {
                socket.Dispose();
            }

            Thread?[] threads = [.. _loops.Select(loop => loop.Thread), _tickThread];
            _stopTask = Task.Factory.StartNew(
                static state =>
                {
                    foreach (Thread? thread in (Thread?[])state!)
                    {
                        thread?.Join();
                    }
                },
                threads,
                CancellationToken.None,
                TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
                TaskScheduler.Default);
            return _stopTask;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void RunTicks()
    {
        int tick = _options.TimerTickMilliseconds;

        // Waiting on the stop signal rather than sleeping lets StopAsync end this thread at once.
        while (!_stopSignal.Wait(tick))
        {
            Tick();
        }
    }
}
