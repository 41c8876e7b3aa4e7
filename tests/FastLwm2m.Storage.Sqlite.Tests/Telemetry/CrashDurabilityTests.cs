using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;

namespace FastLwm2m.Storage.Sqlite.Tests.Telemetry;

/// <summary>
/// "Nothing acknowledged is ever lost": a server process takes confirmable notifications from a
/// device into SQLite and is killed with SIGKILL in the middle of the stream; every value the
/// device saw acknowledged must be in the file afterwards.
/// </summary>
public sealed class CrashDurabilityTests : IDisposable
{
    private readonly TemporaryDatabaseDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task KilledServer_LosesNoAcknowledgedNotification()
    {
        string db = _directory.File("crash.db");
        string host = Path.Combine(AppContext.BaseDirectory, "FastLwm2m.CrashHost.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(db);
        using var server = Process.Start(start)!;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        server.BeginErrorReadLine();
        try
        {
            string? line = await server.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.StartsWith("PORT ", line);
            var serverEndPoint = new IPEndPoint(IPAddress.Loopback, int.Parse(line!["PORT ".Length..]));

            using var device = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            device.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var buffer = new byte[2048];

            CoapMessage? Receive(int timeoutMs)
            {
                device.ReceiveTimeout = timeoutMs;
                try
                {
                    int n = device.Receive(buffer);
                    return CoapMessage.TryDecode(buffer.AsSpan(0, n));
                }
                catch (SocketException)
                {
                    return null;
                }
            }

            // Register, then answer the server's Observe of /3/0/9.
            var register = CoapMessage.Request(CoapCode.Post, "rd").AddUriQuery("ep=crash").AddUriQuery("lt=300").AddUriQuery("lwm2m=1.1");
            register.MessageId = 1;
            register.Token = new CoapToken([1]);
            register.ContentFormat = CoapContentFormat.LinkFormat;
            register.Payload = "</3/0>"u8.ToArray();
            device.SendTo(register.ToArray(), serverEndPoint);
            CoapMessage? observe = null;
            for (int i = 0; i < 10 && observe is null; i++)
            {
                var m = Receive(5_000) ?? throw new TimeoutException("no answer from the server");
                if (m.Code == CoapCode.Get && m.Observe == 0)
                {
                    observe = m;
                }
            }

            Assert.NotNull(observe);
            var first = new CoapMessage(CoapCode.Content, CoapMessageType.Acknowledgement) { MessageId = observe!.MessageId, Token = observe.Token, Payload = "0"u8.ToArray() };
            first.ContentFormat = CoapContentFormat.TextPlain;
            first.Observe = 1;
            device.SendTo(first.ToArray(), serverEndPoint);

            // Stream CON notifications; kill the server after 40 were acknowledged, keep sending.
            var acknowledged = new List<int>();
            bool killed = false;
            for (int value = 1; value <= 80; value++)
            {
                var notification = new CoapMessage(CoapCode.Content, CoapMessageType.Confirmable)
                {
                    MessageId = (ushort)(1000 + value),
                    Token = observe.Token,
                    Payload = System.Text.Encoding.ASCII.GetBytes(value.ToString()),
                };
                notification.ContentFormat = CoapContentFormat.TextPlain;
                notification.Observe = (uint)(value + 1);
                byte[] bytes = notification.ToArray();
                for (int attempt = 0; attempt < 3; attempt++)
                {
                    device.SendTo(bytes, serverEndPoint);
                    var reply = Receive(killed ? 50 : 1_000);
                    if (reply is { Type: CoapMessageType.Acknowledgement } && reply.MessageId == notification.MessageId)
                    {
                        acknowledged.Add(value);
                        break;
                    }
                }

                if (acknowledged.Count == 40 && !killed)
                {
                    server.Kill(); // SIGKILL: no flush, no dispose
                    killed = true;
                }
            }

            Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} notifications were acknowledged before the kill");
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            using var reopened = await SqliteDatabase.OpenAsync(db);
            var history = await new SqliteTelemetryStore(reopened).GetHistoryAsync("crash", "batteryLevel", 0, long.MaxValue);
            var stored = history.Select(p => (int)p.Value.AsInteger()).ToHashSet();
            var lost = acknowledged.Where(v => !stored.Contains(v)).ToList();
            Assert.True(lost.Count == 0, $"acknowledged but lost: {string.Join(", ", lost)}; stored: {string.Join(", ", stored.Order())}; server said: {string.Join(" | ", errors.Take(60))}");
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill();
            }
        }
    }
}
