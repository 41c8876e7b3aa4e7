using FastLwm2m.Simulator;

var options = SimulatorOptions.Parse(args, out string? error);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(SimulatorOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var simulator = new DeviceSimulator(options, Console.Out);
await simulator.RunAsync(cancel.Token);
return 0;
