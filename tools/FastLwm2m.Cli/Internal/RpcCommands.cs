using System.CommandLine;
using FastLwm2m.Control.V1;
using FastLwm2m.Platform.Rpc;
using Grpc.Core;

namespace FastLwm2m.Cli.Internal;

/// <summary><c>rpc DEVICE METHOD [JSON]</c> and <c>terminal DEVICE</c>: the guide's RPC methods.</summary>
internal static class RpcCommands
{
    public static Command BuildRpc(GlobalOptions options, CliConsole console)
    {
        var device = new Argument<string>("DEVICE") { Description = "The device endpoint, or its id (a UUID)." };
        var method = new Argument<string>("METHOD") { Description = "The guide's method, e.g. Read, Discover, WriteReplace, Observe." };
        var parameters = new Argument<string?>("JSON") { Description = "The params, a JSON object, e.g. {\"id\":\"/3/0/9\"}.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("rpc", "Send one RPC to a registered device and print its JSON result.") { device, method, parameters };
        command.SetBody(options, console, (parsed, session, ct) =>
            ExecuteAsync(session, Formats.Device(parsed.GetValue(device)!), parsed.GetValue(method)!, parsed.GetValue(parameters), ct));
        return command;
    }

    public static Command BuildTerminal(GlobalOptions options, CliConsole console)
    {
        var device = new Argument<string>("DEVICE") { Description = "The device endpoint, or its id (a UUID)." };
        var command = new Command("terminal", "An RPC prompt: one 'Method {json}' per line (e.g. Read {\"id\":\"/3/0/9\"}, DiscoverAll); 'history', 'help', 'exit'.")
        {
            device,
        };
        command.SetBody(options, console, (parsed, session, ct) =>
            new RpcTerminal(session, Formats.Device(parsed.GetValue(device)!)).RunAsync(ct));
        return command;
    }

    /// <summary>Sends one RPC and prints its result; the exit code is 4 unless the device answered with success.</summary>
    public static async Task<int> ExecuteAsync(CliSession session, DeviceRef device, string method, string? paramsJson, CancellationToken ct)
    {
        var client = new Rpc.RpcClient(session.Channel);
        ExecuteRpcResponse response = await client.ExecuteAsync(
            new ExecuteRpcRequest { Device = device, Method = method, ParamsJson = paramsJson ?? "" }, session.Call(ct));
        session.WriteJsonText(response.ResultJson);
        if (response.Success)
        {
            return ExitCodes.Ok;
        }

        await session.Console.Error.WriteLineAsync($"error: the device answered {response.Result}");
        return ExitCodes.Device;
    }

    /// <summary>The interactive prompt of <c>terminal</c>; reads lines until <c>exit</c> or end of input.</summary>
    private sealed class RpcTerminal(CliSession session, DeviceRef device)
    {
        private readonly List<string> _history = [];

        /// <summary>Returns the worst exit code of the lines run (0 when all succeeded).</summary>
        public async Task<int> RunAsync(CancellationToken ct)
        {
            CliConsole console = session.Console;
            int worst = ExitCodes.Ok;
            if (console.Interactive)
            {
                await console.Out.WriteLineAsync($"Connected to {session.ServerAddress}; 'help' for help, 'exit' to leave.");
            }

            while (!ct.IsCancellationRequested)
            {
                if (console.Interactive)
                {
                    await console.Out.WriteAsync("> ");
                    await console.Out.FlushAsync(ct);
                }

                // A person at a real terminal gets line editing and Up/Down through the history;
                // piped input (scripts, tests) is read line by line.
                string? line = console.Interactive && !Console.IsInputRedirected && ReferenceEquals(console.In, Console.In)
                    ? new LineEditor(() => Console.ReadKey(intercept: true), console.Out, "> ").ReadLine(_history)
                    : await console.In.ReadLineAsync(ct);
                if (line is null)
                {
                    break;
                }

                line = line.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                if (line is "exit" or "quit")
                {
                    break;
                }

                if (line == "help")
                {
                    await console.Out.WriteLineAsync("Method {json}  e.g. Read {\"id\":\"/3/0/9\"}, Observe {\"id\":\"/3/0/9\"}, ObserveCancelAll, DiscoverAll");
                    await console.Out.WriteLineAsync("history       the lines run so far");
                    await console.Out.WriteLineAsync("exit          leave (or end of input)");
                    continue;
                }

                if (line == "history")
                {
                    for (int i = 0; i < _history.Count; i++)
                    {
                        await console.Out.WriteLineAsync($"{i + 1,4}  {_history[i]}");
                    }

                    continue;
                }

                _history.Add(line);
                if (!RpcCommandLine.TryParse(line, out string method, out string? paramsJson, out string? error))
                {
                    await console.Error.WriteLineAsync("error: " + error);
                    worst = Math.Max(worst, ExitCodes.Usage);
                    continue;
                }

                int code;
                try
                {
                    code = await session.GuardAsync(() => ExecuteAsync(session, device, method, paramsJson, ct));
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
                {
                    break;
                }

                worst = Math.Max(worst, code);
            }

            return worst;
        }
    }
}
