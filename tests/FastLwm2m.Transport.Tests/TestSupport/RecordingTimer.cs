namespace FastLwm2m.Transport.Tests.TestSupport;

/// <summary>A timer node that appends its name and firing time to a shared log.</summary>
internal sealed class RecordingTimer(string name, List<(string Name, long At)>? log = null) : TimerNode
{
    public string Name { get; } = name;

    public int Fired { get; private set; }

    public long LastFiredAt { get; private set; } = -1;

    /// <summary>Runs after recording, e.g. to reschedule or to throw.</summary>
    public Action<RecordingTimer, long>? Then { get; set; }

    protected internal override void OnTimer(long nowMilliseconds)
    {
        Fired++;
        LastFiredAt = nowMilliseconds;
        log?.Add((Name, nowMilliseconds));
        Then?.Invoke(this, nowMilliseconds);
    }
}
