namespace FastLwm2m.Transport.Tests.TestSupport;

/// <summary>
/// Measures what a piece of code allocates, ignoring the runtime's one-off allocations.
/// </summary>
/// <remarks>
/// Tiered JIT promotes hot methods at unpredictable moments (after a 100 ms quiet period), and
/// the promotion can allocate on the thread that trips it; the test host serializes results on
/// its own threads. Either can land in one measured run. Taking the smallest of a few runs
/// removes them, while an allocation per operation shows in every run and still fails.
/// </remarks>
internal static class Allocations
{
    private const int Attempts = 3;

    /// <summary>The fewest bytes the current thread allocated over a few runs of <paramref name="run"/>.</summary>
    public static long OnCurrentThread(Action run) => Smallest(run, static () => GC.GetAllocatedBytesForCurrentThread());

    /// <summary>The fewest bytes the whole process allocated over a few runs of <paramref name="run"/>.</summary>
    public static long InProcess(Action run) => Smallest(run, static () => GC.GetTotalAllocatedBytes(precise: true));

    private static long Smallest(Action run, Func<long> allocatedBytes)
    {
        long smallest = long.MaxValue;
        for (int attempt = 0; attempt < Attempts && smallest > 0; attempt++)
        {
            long before = allocatedBytes();
            run();
            smallest = Math.Min(smallest, allocatedBytes() - before);
        }

        return smallest;
    }
}
