using EscalationStudio.Benchmarks;

// usage: dotnet run -c Release --project tests/EscalationStudio.Benchmarks
//            [-- engine | runtime | runtime-breakdown | runtime-timers | runtime-floor | http-load | metrics | replay [events] | expressions | designer-open]
if (args.Length == 0 || args.Contains("engine"))
{
    await EngineBenchmark.RunAsync();
}

if (args.Contains("runtime"))
{
    await RuntimeBenchmark.RunAsync();
}

if (args.Contains("runtime-breakdown"))
{
    await RuntimeBreakdown.RunAsync();
}

if (args.Contains("runtime-timers"))
{
    await RuntimeBenchmark.RunTimersAsync();
}

if (args.Contains("runtime-floor"))
{
    var floor = await RuntimeFloor.MeasureAsync(tickets: 2_000, messagesPerTicket: 3);
    Console.WriteLine($"floor: {floor.EventsPerSecond:N0} events/s with each event's own writes; {floor.SingleInsertsPerSecond:N0}/s bare single inserts");
}
if (args.Contains("http-load"))
{
    await HttpLoad.RunAsync();
}

// The server side of http-load, started by it as a child process.
if (args.Contains("http-load-server"))
{
    await HttpLoadServer.RunAsync();
}

if (args.Contains("metrics"))
{
    await MetricsBenchmark.RunAsync();
}

if (Array.IndexOf(args, "replay") is >= 0 and var replay)
{
    var events = replay + 1 < args.Length && int.TryParse(args[replay + 1], out var count) ? count : 1_000_000;
    await ReplayBenchmark.RunAsync(events);
}

if (args.Contains("expressions"))
{
    ExpressionBenchmark.Run();
}

if (args.Contains("designer-open"))
{
    await DesignerOpenBenchmark.RunAsync();
}
