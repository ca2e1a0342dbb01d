using System.Diagnostics;
using System.Text.Json;
using EscalationStudio.Cli.Histories;
using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Calendars;
using EscalationStudio.Policies.Replay;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Definitions.Files;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// <c>replay [events]</c>: a generated history (default 1,000,000 events, streamed, never held whole) replayed through
/// the sample policies by <see cref="HistoryReplay"/>, as <c>escalation simulate</c> does; prints one JSON line with
/// events per second (by the wall clock and by the process's CPU time), peak memory and the machine's load average
/// (other builds share it). The replay runs in a child process with the runtime settings of the CLI's project
/// (tiered PGO off), so that it measures what <c>simulate</c> does.
/// </summary>
internal static class ReplayBenchmark
{
    private const string ChildVariable = "REPLAY_CHILD";

    public static async Task RunAsync(int events)
    {
        if (Environment.GetEnvironmentVariable(ChildVariable) is null)
        {
            await RunChildAsync(events);
            return;
        }

        var repository = RuntimeHost.RepositoryFolder();
        var workflows = Path.Combine(repository, "workflows");
        var org = OrgDirectoryFile.Read(Path.Combine(workflows, "org", "directory.json"), new IcsHolidayFeedReader(TimeProvider.System));
        var folder = new WorkflowFolder(workflows);
        var policies = folder.ListPolicyFiles().Select(f => folder.Read(f).Definition).OfType<EscalationStudio.Workflows.Definitions.WorkflowDefinition>().Where(d => d.IsPublished).ToList();
        // About 8.3 events per generated ticket (24,960 for the sample's 3,000).
        var tickets = Math.Max(1, (int)(events / 8.32));
        var history = new HistoryGenerator(org).Generate(tickets, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(Math.Max(7, tickets / 33)));

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var liveHeap = SampleLiveHeapAsync(sampling.Token);
        var report = await new HistoryReplay(org, new TemplateLibrary(Path.Combine(repository, "templates")), policies).RunAsync(Stream(history));
        watch.Stop();
        await sampling.CancelAsync();
        var (maxLiveHeap, samples) = await liveHeap;
        process.Refresh();
        // On a shared machine the wall clock measures the neighbours too; the process's CPU time measures the replay.
        var cpu = process.TotalProcessorTime - cpuBefore;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "replay",
            events = report.Counts.Events,
            tickets = report.Counts.Tickets,
            seconds = Math.Round(watch.Elapsed.TotalSeconds, 2),
            eventsPerSecond = Math.Round(report.Counts.Events / watch.Elapsed.TotalSeconds),
            cpuSeconds = Math.Round(cpu.TotalSeconds, 2),
            eventsPerCpuSecond = Math.Round(report.Counts.Events / cpu.TotalSeconds),
            peakWorkingSetMb = process.PeakWorkingSet64 / (1024 * 1024),
            managedHeapMb = GC.GetTotalMemory(forceFullCollection: false) / (1024 * 1024),
            maxLiveHeapMb = Math.Round(maxLiveHeap / (1024.0 * 1024), 1),
            liveHeapSamples = samples,
            loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null,
            processors = Environment.ProcessorCount,
        }));
    }

    /// <summary>
    /// The most the replay held at once: every 5 s a full collection, then the heap's size. The working set says less,
    /// since the collector lets garbage and its budgets grow while memory is free, the longer the run the more.
    /// </summary>
    private static async Task<(long MaxBytes, int Samples)> SampleLiveHeapAsync(CancellationToken stop)
    {
        long max = 0;
        var samples = 0;
        using var every = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await every.WaitForNextTickAsync(stop))
            {
                max = Math.Max(max, GC.GetTotalMemory(forceFullCollection: true));
                samples++;
            }
        }
        catch (OperationCanceledException)
        {
        }

        return (max, samples);
    }

    private static async Task RunChildAsync(int events)
    {
        var start = ChildProcess.StartInfo("replay", events.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment[ChildVariable] = "1";
        // As the CLI project sets it (EscalationStudio.Cli.csproj): a replay measures what `simulate` does.
        start.Environment.TryAdd("DOTNET_TieredPGO", "0");
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"the replay process exited with {child.ExitCode}");
        }
    }

    private static async IAsyncEnumerable<HistoryEvent> Stream(IEnumerable<HistoryEvent> events)
    {
        await Task.CompletedTask;
        foreach (var e in events)
        {
            yield return e;
        }
    }
}
