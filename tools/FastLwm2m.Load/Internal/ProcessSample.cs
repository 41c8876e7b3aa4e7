using System.Globalization;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// CPU time and resident memory of a process, read from /proc (proc(5)): utime + stime of
/// /proc/PID/stat in clock ticks (sysconf(_SC_CLK_TCK), usually 100 per second) and VmRSS of
/// /proc/PID/status.
/// </summary>
internal readonly record struct ProcessSample(double CpuSeconds, long RssBytes)
{
    private static readonly long ClockTicksPerSecond = ReadClockTicks();

    /// <summary>Reads process <paramref name="pid"/>; false if it is gone or /proc is unreadable.</summary>
    public static bool TryRead(int pid, out ProcessSample sample)
    {
        sample = default;
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) is in parentheses and may hold spaces: count from the last ')'.
            // Fields after it start at 3 (state); utime is field 14, stime 15.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture) + long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
            sample = new ProcessSample((double)ticks / ClockTicksPerSecond, ReadRss(pid));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    private static long ReadRss(int pid)
    {
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                // "VmRSS:	   12345 kB"
                string kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static long ReadClockTicks()
    {
        try
        {
            long ticks = Libc.SysConf(Libc._SC_CLK_TCK);
            return ticks > 0 ? ticks : 100;
        }
        catch (DllNotFoundException)
        {
            return 100;
        }
        catch (EntryPointNotFoundException)
        {
            return 100;
        }
    }
}
