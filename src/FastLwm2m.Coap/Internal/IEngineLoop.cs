using FastLwm2m.Transport;

namespace FastLwm2m.Coap.Internal;

/// <summary>What a <see cref="CoapEngine"/> needs from its loop: a gate, a wheel, a clock, a socket.</summary>
internal interface IEngineLoop
{
    Lock Gate { get; }

    TimingWheel Timers { get; }

    long NowMilliseconds { get; }

    IDatagramSink Sink { get; }

    LoopCounters Counters { get; }
}

internal sealed class UdpEngineLoop(UdpLoop loop) : IEngineLoop
{
    public Lock Gate => loop.Gate;

    public TimingWheel Timers => loop.Timers;

    public long NowMilliseconds => loop.NowMilliseconds;

    public IDatagramSink Sink => loop;

    public LoopCounters Counters => loop.Counters;
}
