using FastLwm2m.Platform.TransportLog;

namespace FastLwm2m.Platform.Tests.TestSupport;

/// <summary>Waits for a device's transport log line, on the log's Appended event (no polling).</summary>
internal static class TransportLogWaiter
{
    /// <summary>Completes with the first line of <paramref name="endpoint"/> matching <paramref name="match"/>, already written or to come within <paramref name="timeout"/>.</summary>
    public static async Task<string> WaitForLineAsync(InMemoryTransportLog log, string endpoint, Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnAppended(string device, TransportLogEntry entry)
        {
            if (device == endpoint && match(entry.Message))
            {
                found.TrySetResult(entry.Message);
            }
        }

        log.Appended += OnAppended;
        try
        {
            foreach (TransportLogEntry entry in await log.GetAsync(endpoint, 1_000))
            {
                if (match(entry.Message))
                {
                    return entry.Message;
                }
            }

            return await found.Task.WaitAsync(timeout);
        }
        finally
        {
            log.Appended -= OnAppended;
        }
    }
}
