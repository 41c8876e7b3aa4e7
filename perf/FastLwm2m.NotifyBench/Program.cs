// Notifications per second from datagram to committed row: an in-process server (ACK deferred
// until the telemetry batch is committed to SQLite) and N raw UDP devices on loopback, each with one
// confirmable notification in flight (closed loop: the next goes on the ACK). Prints one JSON line.
//
//   dotnet run -c Release --project perf/FastLwm2m.NotifyBench -- [devices=200] [seconds=10]
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FastLwm2m.Coap;
using FastLwm2m.Lwm2m;
using FastLwm2m.Platform.Telemetry;
using FastLwm2m.Storage.Sqlite;
using FastLwm2m.Transport;

int devices = args.Length > 0 ? int.Parse(args[0]) : 200;
double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10;
string directory = Path.Combine(Path.GetTempPath(), "fastlwm2m-notifybench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(directory);
using var database = await SqliteDatabase.OpenAsync(Path.Combine(directory, "bench.db"));
var store = new SqliteTelemetryStore(database);
await using var pipeline = new TelemetryPipeline(store);
await using var server = new Lwm2mServer(new Lwm2mServerOptions
{
    Coap = new CoapEndpointOptions { Udp = new UdpEndpointOptions { Address = IPAddress.Loopback, Port = 0 } },
    DeferNotificationAcknowledgement = true,
});
server.NotificationHandler = n =>
{
    if (n.Content is not Lwm2mSingleResource resource)
    {
        n.Acknowledgement?.Acknowledge();
        return true;
    }

    if (!pipeline.TryOffer([new TelemetryPoint(n.Observation.Endpoint, "batteryLevel", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), resource.Value)], n.Acknowledgement))
    {
        n.Acknowledgement?.Reject();
        return false;
    }

    return true;
};
server.Registrations.Registered += (registration, replaced) =>
{
    Task.Run(() => server.ObserveAsync(registration, Lwm2mPath.Resource(3, 0, 9), CoapContentFormat.TextPlain));
};
server.Start();
var serverEndPoint = new IPEndPoint(IPAddress.Loopback, server.LocalEndPoint.Port);

long acknowledged = 0;
long sent = 0;
var latencies = new List<double>[devices];
using var stop = new CancellationTokenSource();
var ready = new CountdownEvent(devices);
var go = new ManualResetEventSlim();
var threads = new List<Thread>();
for (int d = 0; d < devices; d++)
{
    int index = d;
    latencies[index] = new List<double>();
    var thread = new Thread(() => RunDevice(index)) { IsBackground = true };
    threads.Add(thread);
    thread.Start();
}

void RunDevice(int index)
{
    using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    socket.ReceiveTimeout = 2_000;
    var buffer = new byte[1500];
    var register = CoapMessage.Request(CoapCode.Post, "rd").AddUriQuery($"ep=bench-{index}").AddUriQuery("lt=600").AddUriQuery("lwm2m=1.1");
    register.MessageId = 1;
    register.Token = new CoapToken([1]);
    register.ContentFormat = CoapContentFormat.LinkFormat;
    register.Payload = "</3/0>"u8.ToArray();
    socket.SendTo(register.ToArray(), serverEndPoint);
    CoapMessage? observe = null;
    while (observe is null)
    {
        int n = socket.Receive(buffer);
        var m = CoapMessage.TryDecode(buffer.AsSpan(0, n));
        if (m is { Code.IsRequest: true } && m.Observe == 0)
        {
            observe = m;
        }
    }

    var first = new CoapMessage(CoapCode.Content, CoapMessageType.Acknowledgement) { MessageId = observe.MessageId, Token = observe.Token, Payload = "0"u8.ToArray() };
    first.ContentFormat = CoapContentFormat.TextPlain;
    first.Observe = 1;
    socket.SendTo(first.ToArray(), serverEndPoint);
    ready.Signal();
    go.Wait();

    ushort mid = 100;
    uint sequence = 2;
    var stopwatch = new Stopwatch();
    while (!stop.IsCancellationRequested)
    {
        mid++;
        var notification = new CoapMessage(CoapCode.Content, CoapMessageType.Confirmable) { MessageId = mid, Token = observe.Token, Payload = System.Text.Encoding.ASCII.GetBytes((sequence % 100).ToString()) };
        notification.ContentFormat = CoapContentFormat.TextPlain;
        notification.Observe = sequence++;
        byte[] bytes = notification.ToArray();
        stopwatch.Restart();
        Interlocked.Increment(ref sent);
        socket.SendTo(bytes, serverEndPoint);
        while (true)
        {
            int n;
            try
            {
                n = socket.Receive(buffer);
            }
            catch (SocketException)
            {
                socket.SendTo(bytes, serverEndPoint); // retransmit
                continue;
            }

            if (n >= 4 && (buffer[0] & 0x30) == 0x20 && buffer[2] == (byte)(mid >> 8) && buffer[3] == (byte)mid)
            {
                latencies[index].Add(stopwatch.Elapsed.TotalMilliseconds);
                Interlocked.Increment(ref acknowledged);
                break;
            }
        }
    }
}

ready.Wait(TimeSpan.FromSeconds(60));
var process = Process.GetCurrentProcess();
var cpu0 = process.TotalProcessorTime;
long points0 = pipeline.WrittenPoints;
var clock = Stopwatch.StartNew();
go.Set();
await Task.Delay(TimeSpan.FromSeconds(seconds));
long acked = Interlocked.Read(ref acknowledged);
long points = pipeline.WrittenPoints - points0;
double elapsed = clock.Elapsed.TotalSeconds;
process.Refresh();
var cpu = process.TotalProcessorTime - cpu0;
stop.Cancel();
var all = latencies.SelectMany(l => l).Order().ToArray();
double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
Console.WriteLine(JsonSerializer.Serialize(new
{
    scenario = "notify-to-sqlite",
    devices,
    duration_s = Math.Round(elapsed, 2),
    acknowledged_notifications = acked,
    acknowledged_per_s = Math.Round(acked / elapsed),
    committed_points = points,
    committed_per_s = Math.Round(points / elapsed),
    failed_writes = pipeline.FailedWrites,
    refused = pipeline.Refused,
    latency_p50_ms = Math.Round(Percentile(0.5), 2),
    latency_p99_ms = Math.Round(Percentile(0.99), 2),
    process_cpu_s = Math.Round(cpu.TotalSeconds, 2),
    note = "one process: server, SQLite writer and the simulated devices (their blocking sockets included)",
}));
try
{
    Directory.Delete(directory, recursive: true);
}
catch (IOException)
{
}
