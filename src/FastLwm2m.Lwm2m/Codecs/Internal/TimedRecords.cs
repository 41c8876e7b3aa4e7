namespace FastLwm2m.Lwm2m.Codecs.Internal;

/// <summary>
/// Records of a notification that carries history (Core §6.4.1 "Notify" with timestamped values):
/// whether any has a time, and the latest record per path, which makes the notification's content.
/// </summary>
internal static class TimedRecords
{
    /// <summary>Whether any record has a time (bt or t given); a pack without one is a plain value.</summary>
    public static bool HasTime(List<CompositeRecord> records)
    {
        foreach (var record in records)
        {
            if (record.Timestamp is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Keeps, in place and in payload order, the latest record of each path: the one with the
    /// latest time, a record without time counting as now (RFC 8428 §4.5.3), the later one in the
    /// payload on a tie.
    /// </summary>
    public static void KeepLatest(List<CompositeRecord> records)
    {
        var latest = new Dictionary<Lwm2mPath, int>(records.Count);
        for (int i = 0; i < records.Count; i++)
        {
            if (!latest.TryGetValue(records[i].Path, out int kept) || !IsEarlier(records[i].Timestamp, records[kept].Timestamp))
            {
                latest[records[i].Path] = i;
            }
        }

        if (latest.Count == records.Count)
        {
            return;
        }

        int write = 0;
        for (int i = 0; i < records.Count; i++)
        {
            if (latest[records[i].Path] == i)
            {
                records[write++] = records[i];
            }
        }

        records.RemoveRange(write, records.Count - write);
    }

    /// <summary>The records that carry a value (a path-only record of a composite notification has no time to report).</summary>
    public static List<CompositeRecord> WithValues(List<CompositeRecord> records)
    {
        if (!records.Exists(static r => r.Value.Kind == CompositeValueKind.None))
        {
            return records;
        }

        return records.FindAll(static r => r.Value.Kind != CompositeValueKind.None);
    }

    private static bool IsEarlier(DateTimeOffset? time, DateTimeOffset? than) => time is { } t && (than is null || t < than.Value);
}
