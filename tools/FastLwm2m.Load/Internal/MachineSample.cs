using System.Globalization;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// Busy and total CPU time of the whole machine from the first line of /proc/stat (proc(5)),
/// in clock ticks summed over all CPUs. Over the measured window, busy cores minus the server's
/// and the harness's show how much else ran (other processes, softirq work of the kernel).
/// </summary>
internal readonly record struct MachineSample(long BusyTicks, long TotalTicks)
{
    public static MachineSample? TryRead()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            string? line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }

            // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is
            // already in user, so only the first eight count.
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long total = 0;
            for (int i = 1; i <= 8 && i < fields.Length; i++)
            {
                total += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }

            long idle = long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture);
            return new MachineSample(total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Cores kept busy between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static double? BusyCores(MachineSample? before, MachineSample? after) =>
        before is { } b && after is { } a && a.TotalTicks > b.TotalTicks
            ? (double)(a.BusyTicks - b.BusyTicks) / (a.TotalTicks - b.TotalTicks) * Environment.ProcessorCount
            : null;
}
