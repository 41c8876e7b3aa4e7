using System.Numerics;

namespace FastLwm2m.Load.Internal;

/// <summary>
/// A log-linear histogram of latencies in microseconds, shaped like HdrHistogram with 7 bits
/// of sub-bucket precision: values below 128 µs are exact, larger ones fall into buckets at most
/// 1/64 (1.6 %) wide, and the whole range up to 2^40 µs (12 days) takes 2,304 counters
/// whatever the number of samples. The exact maximum is kept beside. Not thread-safe: one per
/// shard, merged at the end.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBucketCount = 1 << SubBucketBits;  // 128
    private const int HalfCount = SubBucketCount / 2;       // 64
    private const int MaxShift = 40 - SubBucketBits + 1;    // values up to 2^40 µs
    private const long MaxValue = (1L << 40) - 1;

    private readonly long[] _counts = new long[SubBucketCount + (MaxShift * HalfCount)];

    /// <summary>Number of recorded values.</summary>
    public long Count { get; private set; }

    /// <summary>Largest recorded value (µs), exact.</summary>
    public long Max { get; private set; }

    /// <summary>Records one latency in microseconds (negative counts as 0, huge as 2^40-1).</summary>
    public void Record(long microseconds)
    {
        long value = Math.Clamp(microseconds, 0, MaxValue);
        _counts[IndexOf(value)]++;
        Count++;
        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>Adds the counts of <paramref name="other"/>.</summary>
    public void Add(LatencyHistogram other)
    {
        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0-100) in microseconds: the highest value
    /// of the bucket holding that rank, capped at <see cref="Max"/>; 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100 * Count));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(HighestValueOf(i), Max);
            }
        }

        return Max;
    }

    internal static int IndexOf(long value)
    {
        if (value < SubBucketCount)
        {
            return (int)value;
        }

        // The top 7 significant bits select the sub-bucket; how far they were shifted, the bucket.
        int shift = (63 - BitOperations.LeadingZeroCount((ulong)value)) - (SubBucketBits - 1);
        return SubBucketCount + ((shift - 1) * HalfCount) + (int)((value >> shift) - HalfCount);
    }

    internal static long HighestValueOf(int index)
    {
        if (index < SubBucketCount)
        {
            return index;
        }

        int shift = ((index - SubBucketCount) / HalfCount) + 1;
        long lowest = (long)(((index - SubBucketCount) % HalfCount) + HalfCount) << shift;
        return lowest + (1L << shift) - 1;
    }
}
