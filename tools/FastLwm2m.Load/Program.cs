using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using FastLwm2m.Load;

// stdout carries exactly one JSON line (or, for the responder, its "port N" line); the rest goes to stderr.
if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.Error.WriteLine(LoadOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == "responder")
{
    return RunResponder(args);
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    var options = LoadOptions.Parse(args);
    var result = LoadRunner.Run(options, Console.Error, cancellation.Token);
    Console.Out.WriteLine(result.ToJson());
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}
catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

static int RunResponder(string[] args)
{
    var address = IPAddress.IPv6Any;
    int port = 5685;
    int threads = Environment.ProcessorCount;
    bool untilStdinCloses = false;
    for (int i = 1; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--address" when i + 1 < args.Length:
                address = IPAddress.Parse(args[++i]);
                break;
            case "--port" when i + 1 < args.Length:
                port = int.Parse(args[++i], CultureInfo.InvariantCulture);
                break;
            case "--threads" when i + 1 < args.Length:
                threads = int.Parse(args[++i], CultureInfo.InvariantCulture);
                break;
            case "--until-stdin-closes":
                untilStdinCloses = true;
                break;
            default:
                Console.Error.WriteLine($"Unknown responder option '{args[i]}'.");
                return 2;
        }
    }

    using var responder = new BaselineResponder(new IPEndPoint(address, port), threads);
    Console.Out.WriteLine($"port {responder.LocalEndPoint.Port}");
    Console.Out.Flush();

    // Runs until SIGTERM or Ctrl+C, or, when the harness started it, until the harness's end
    // closes its standard input (so a harness that dies does not leave it running).
    using var stop = new ManualResetEventSlim();
    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Set();
    }

    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    if (untilStdinCloses)
    {
        var watcher = new Thread(() =>
        {
            var buffer = new char[256];
            while (Console.In.Read(buffer, 0, buffer.Length) > 0)
            {
            }

            stop.Set();
        }) { IsBackground = true };
        watcher.Start();
    }

    stop.Wait();
    Console.Error.WriteLine($"responder answered {responder.Answered} requests");
    return 0;
}
