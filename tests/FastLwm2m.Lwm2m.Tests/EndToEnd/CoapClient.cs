using System.Diagnostics;

namespace FastLwm2m.Lwm2m.Tests.EndToEnd;

/// <summary>Runs libcoap's <c>coap-client-notls</c> (Debian libcoap3-bin), a client we did not write.</summary>
internal static class CoapClient
{
    private const string Binary = "coap-client-notls";

    public sealed record Run(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static async Task<Run> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{Binary} is missing: install libcoap3-bin (apt-get install -y libcoap3-bin). {e.Message}");
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Binary} {string.Join(' ', arguments)} did not finish in 30 s");
            }

            return new Run(process.ExitCode, await stdout, await stderr);
        }
    }
}
