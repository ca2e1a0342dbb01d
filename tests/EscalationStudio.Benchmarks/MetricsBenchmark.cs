using System.Diagnostics;
using System.Text.Json;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Metrics.Summaries;
using EscalationStudio.Metrics.Tests.Histories;
using EscalationStudio.Server.HealthFigures;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Escalation health at the scale: fold ~1,000,000 generated events of 100,000 interleaved tickets into
/// summaries (events/s), then aggregate the 100,000 summaries with a filter and as a weekly trend (ms), and time the server's
/// answer to <c>GET /api/metrics/escalation</c> on them. Generating the events is not timed. Prints one JSON line.
/// </summary>
internal static class MetricsBenchmark
{
    private const int Tickets = 100_000;
    private const int Repeats = 5;

    public static async Task RunAsync()
    {
        var start = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var events = GeneratedHistories.Interleaved(GeneratedHistories.Tickets(Tickets, seed: 11, start, TimeSpan.FromDays(90), escalationPercent: 3));

        // Warm-up (JIT, tiering) on a slice, then the timed folds; the best run is the figure, the median is shown beside it.
        for (var i = 0; i < 3; i++)
        {
            TicketHistoryFold.Summarise(events.Take(200_000), MetricsOrg.Org);
        }

        var folds = new List<TimeSpan>();
        IReadOnlyCollection<TicketSummary> summaries = [];
        for (var i = 0; i < Repeats; i++)
        {
            summaries = [];
            Settle();
            var clock = Stopwatch.StartNew();
            summaries = TicketHistoryFold.Summarise(events, MetricsOrg.Org);
            folds.Add(clock.Elapsed);
        }

        var filter = new HealthFilter { CreatedFrom = start.AddDays(30), Vip = false, Channel = TicketChannel.Email };
        var aggregates = Time(() => EscalationHealth.Aggregate(summaries, HealthFilter.All));
        var filtered = Time(() => EscalationHealth.Aggregate(summaries, filter));
        var trend = Time(() => EscalationHealth.Trend(summaries, HealthFilter.All, HealthPeriod.Week));
        var report = EscalationHealth.Aggregate(summaries, HealthFilter.All);
        var (serverAll, serverFiltered, pageAll, pageFiltered) = await ServerAnswersAsync(events);

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "metrics",
            tickets = summaries.Count,
            events = events.Count,
            foldEventsPerSecond = Math.Round(events.Count / folds.Min().TotalSeconds),
            foldMedianEventsPerSecond = Math.Round(events.Count / Median(folds).TotalSeconds),
            aggregateAllMs = Math.Round(Median(aggregates).TotalMilliseconds, 1),
            aggregateFilteredMs = Math.Round(Median(filtered).TotalMilliseconds, 1),
            trendWeeklyMs = Math.Round(Median(trend).TotalMilliseconds, 1),
            escalationRate = report.EscalationRate.Value,
            serverAnswerAllMs = Math.Round(Median(serverAll).TotalMilliseconds, 1),
            serverAnswerFilteredMs = Math.Round(Median(serverFiltered).TotalMilliseconds, 1),
            dashboardPageAllMs = Math.Round(Median(pageAll).TotalMilliseconds, 1),
            dashboardPageFilteredMs = Math.Round(Median(pageFiltered).TotalMilliseconds, 1),
        }));
    }

    /// <summary>
    /// The server's answer to <c>GET /api/metrics/escalation</c> (figures, weekly trend, per tier and policy, tier flow,
    /// as JSON over the in-process HTTP pipeline) once its live summaries hold the 100,000 tickets: the events are
    /// handed to the summaries as commits are (the desk's observer path), then each query is timed 5 times (median).
    /// The managers' dashboard page (<c>/manage/health</c>, the whole server-rendered HTML) is timed the same way.
    /// </summary>
    private static async Task<(List<TimeSpan> All, List<TimeSpan> Filtered, List<TimeSpan> PageAll, List<TimeSpan> PageFiltered)> ServerAnswersAsync(IReadOnlyList<TicketEvent> events)
    {
        const string key = "metrics-benchmark-admin-key-01";
        Environment.SetEnvironmentVariable("Auth__ApiKeys__0__Key", key);
        Environment.SetEnvironmentVariable("Auth__ApiKeys__0__Role", "admin");
        using var host = new RuntimeHost(new NoObserver());
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", key);
        var summaries = host.Services.GetRequiredService<LiveTicketSummaries>();
        await summaries.Ready;
        foreach (var ticketEvent in events)
        {
            await summaries.OnCommittedAsync(null!, [ticketEvent], CancellationToken.None);
        }

        await summaries.WhenCaughtUpAsync();
        return (await TimeAsync(client, "/api/metrics/escalation"),
            await TimeAsync(client, "/api/metrics/escalation?from=2026-10-01&vip=false&channel=email&period=day"),
            await TimeAsync(client, "/manage/health"),
            await TimeAsync(client, "/manage/health?from=2026-10-01&vip=false&channel=email&period=day"));
    }

    private static async Task<List<TimeSpan>> TimeAsync(HttpClient client, string url)
    {
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        var times = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            Settle();
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed);
        }

        return times;
    }

    private sealed class NoObserver : ITicketEventObserver
    {
        public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>Collects the previous run's garbage first, so a run is not charged for it.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static List<TimeSpan> Time(Action run)
    {
        run();
        Settle();
        var times = new List<TimeSpan>();
        for (var i = 0; i < Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            times.Add(clock.Elapsed);
        }

        return times;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
