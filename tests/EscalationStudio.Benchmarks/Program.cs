using EscalationStudio.Benchmarks;

// usage: dotnet run -c Release --project tests/EscalationStudio.Benchmarks [-- engine]
if (args.Length == 0 || args.Contains("engine")) await EngineBenchmark.RunAsync();
