using EscalationStudio.Benchmarks;

// usage: dotnet run -c Release --project tests/EscalationStudio.Benchmarks [-- engine | runtime]
if (args.Length == 0 || args.Contains("engine")) await EngineBenchmark.RunAsync();
if (args.Contains("runtime")) await RuntimeBenchmark.RunAsync();
if (args.Contains("runtime-breakdown")) await RuntimeBreakdown.RunAsync();
if (args.Contains("runtime-timers")) await RuntimeBenchmark.RunTimersAsync();
