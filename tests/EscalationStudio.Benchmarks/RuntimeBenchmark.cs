using System.Globalization;
using System.Text.Json;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Issue 4's runtime figures on the embedded SQLite default: events per second through the whole runtime against
/// the plain-SQLite floor, refund-message-to-escalation latency, and the fire lag and memory of 100,000 armed timers.
/// Ends with one JSON line. Sizes can be lowered for a quick look: RUNTIME_BENCH_TICKETS, RUNTIME_BENCH_TIMERS;
/// RUNTIME_BENCH_CALLERS sets the concurrent callers (32), RUNTIME_BENCH_WARMUP the warm-up tickets (25,000),
/// RUNTIME_BENCH_BACKGROUND the ordinary traffic during the latency run (1,000 messages/s).
/// </summary>
internal static class RuntimeBenchmark
{
    private const int MessagesPerTicket = 3;
    private const int LatencySamples = 200;
    private const int LatencyRatePerSecond = 10;

    /// <summary>Only the timer part (<c>-- runtime-timers</c>), for working on the timer path.</summary>
    public static async Task RunTimersAsync()
    {
        var timers = await MeasureTimersAsync(Setting("RUNTIME_BENCH_TIMERS", 100_000));
        // The timers live in the bookmark table, not on the heap: the working set (SQLite's page cache included) says more.
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            timerLagP99Ms = Math.Round(timers.LagP99Ms),
            timerMemoryMb = TimerMemoryMb(timers),
            timerWorkingSetMb = Math.Round(timers.WorkingSetMb, 1),
            timersArmed = timers.Armed,
            timersFired = timers.Fired,
        }));
    }

    public static async Task RunAsync()
    {
        var tickets = Setting("RUNTIME_BENCH_TICKETS", 20_000);
        var callers = Setting("RUNTIME_BENCH_CALLERS", 32);
        var warmUpTickets = Setting("RUNTIME_BENCH_WARMUP", 25_000);
        var timerCount = Setting("RUNTIME_BENCH_TIMERS", 100_000);
        Console.WriteLine("Runtime benchmark (Release; SQLite file; sample policy retention-fast-lane)");

        var clock = new RuntimeEventClock();
        double eventsPerSecond, p50, p99;
        int events;
        using (var host = new RuntimeHost(clock, "retention-fast-lane.json"))
        {
            var run = new RuntimeThroughput(host.Services, clock, callers);
            // Warm-up, as BenchmarkDotNet would: the same mix on tickets and customers of their own, until tiered JIT has
            // settled. A server runs for days, and its start-up is not its throughput: the tier-1 recompiles of the few
            // thousand methods an event touches come late, since each new tier-0 method postpones them. Measured here:
            // after 3,000 / 10,000 / 20,000 / 30,000 warm-up tickets, 8,754 / 6,256 / 765 / 368 methods were still
            // compiled inside the window; after 1,000, compiling was 19-35% of the window's CPU (perf). The window line
            // prints the count, so a run that is not warm shows it.
            await run.RunAsync(tickets: warmUpTickets, MessagesPerTicket, firstNumber: 2_000_000);
            var committedBefore = clock.Committed;
            var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var (ingested, elapsed, refunds) = await run.RunAsync(tickets, MessagesPerTicket);
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
            var jit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
            events = ingested;
            eventsPerSecond = ingested / elapsed.TotalSeconds;
            var underLoad = clock.LatenciesMs(refunds);
            var escalated = underLoad.Count;
            Console.WriteLine($"  throughput: {ingested:N0} ingested events ({tickets:N0} tickets x {1 + MessagesPerTicket}) " +
                              $"from {run.Callers} concurrent callers in {elapsed.TotalSeconds:N1} s " +
                              $"= {eventsPerSecond:N0} events/s; {clock.Committed - committedBefore:N0} events committed incl. the policy's; " +
                              $"{escalated}/{refunds.Count} refund tickets escalated; " +
                              $"{cpu.TotalMilliseconds / ingested:N2} ms of process CPU per event (all threads) " +
                              $"= at most {ingested / cpu.TotalSeconds * Environment.ProcessorCount:N0} events/s " +
                              $"with all {Environment.ProcessorCount} cores to ourselves; " +
                              $"after a {warmUpTickets:N0}-ticket warm-up, {compiled:N0} methods were JIT-compiled in the window " +
                              $"({jit.TotalSeconds:N1} s of JIT time)");

            Console.WriteLine($"  latency under that full load: refund message commit -> Escalated commit " +
                              $"p50 {RuntimeEventClock.Percentile(underLoad, 50):N1} ms, p99 {RuntimeEventClock.Percentile(underLoad, 99):N1} ms");

            var backgroundRate = Setting("RUNTIME_BENCH_BACKGROUND", 1_000);
            var (latencies, background) = await run.MeasureLatencyAsync(LatencySamples, LatencyRatePerSecond, backgroundRate);
            p50 = RuntimeEventClock.Percentile(latencies, 50);
            p99 = RuntimeEventClock.Percentile(latencies, 99);
            Console.WriteLine($"  latency: {latencies.Count}/{LatencySamples} refund messages at {LatencyRatePerSecond}/s escalated " +
                              $"while other customers' messages arrived at {background:N0}/s; " +
                              $"message commit -> Escalated commit p50 {p50:N1} ms, p99 {p99:N1} ms, max {latencies.DefaultIfEmpty(double.NaN).Max():N1} ms");
        }

        var floors = await RuntimeFloor.MeasureAsync(tickets, MessagesPerTicket);
        var floor = floors.EventsPerSecond;
        Console.WriteLine($"  floor: the same {events:N0} events as plain ADO.NET, each event's own writes (ticket, message, event rows) in one transaction = {floor:N0} events/s; " +
                          $"one bare ticket_events insert per transaction = {floors.SingleInsertsPerSecond:N0}/s");

        var timers = await MeasureTimersAsync(timerCount);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            eventsPerSecond = Math.Round(eventsPerSecond),
            floorEventsPerSecond = Math.Round(floor),
            p50Ms = Math.Round(p50, 1),
            p99Ms = Math.Round(p99, 1),
            timerLagP99Ms = Math.Round(timers.LagP99Ms),
            timerMemoryMb = TimerMemoryMb(timers),
        }));
    }

    private static async Task<TimerFigures> MeasureTimersAsync(int timerCount)
    {
        // Due times start once arming is expected to be over (the runtime's bookmark saves run at roughly a thousand a
        // second here), so the lag measures firing, not arming; timers armed late still count with their full lag.
        var lead = TimeSpan.FromSeconds(10 + (timerCount / 1_000.0));
        var window = TimeSpan.FromSeconds(60);
        TimerFigures timers;
        string files;
        using (var host = new RuntimeHost(new RuntimeEventClock()))
        {
            timers = await new RuntimeTimers(host.Services).RunAsync(timerCount, lead, window);
            files = string.Join(", ", Directory.GetFiles(Path.Combine(host.Root, "data"), "escalation*")
                .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1024.0 / 1024.0:N1} MB"));
        }

        Console.WriteLine($"  timers: {timers.Armed:N0} of {timerCount:N0} armed in {timers.Arming.TotalSeconds:N1} s " +
                          $"(bookmark saved + scheduled; due over {window.TotalSeconds:N0} s starting {lead.TotalSeconds:N0} s after arming began); " +
                          $"{timers.Fired:N0} fired; lag (due -> resumed) p50 {timers.LagP50Ms:N0} ms, p99 {timers.LagP99Ms:N0} ms, max {timers.MaxLagMs:N0} ms; " +
                          $"managed heap {timers.ManagedMb:+0.0;-0.0} MB, working set {timers.WorkingSetMb:+0.0;-0.0} MB after arming; " +
                          $"files: {files}; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        return timers;
    }

    // The timers live in the bookmark table, not in process memory: the heap moves by a few hundred kilobytes either way
    // (collection noise), so a shrink is reported as nothing taken rather than as negative memory.
    private static double TimerMemoryMb(TimerFigures timers) => Math.Round(Math.Max(0, timers.ManagedMb), 1);

    internal static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
