using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Postgres;
using EscalationStudio.Persistence.Sqlite;
using EscalationStudio.Persistence.Tickets.Outbox;
using EscalationStudio.Persistence.Workflows;
using EscalationStudio.Server.Tests.Persistence;
using EscalationStudio.Server.Tests.Policies;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EscalationStudio.Server.Tests.Durability;

/// <summary>
/// Never lose an escalation: the server runs as its own process with the retention fast lane, concurrent callers
/// open tickets and post messages (every other one asking for a refund), the process is killed with SIGKILL at a
/// random moment, started again on the same data, and every change the API acknowledged must be there, with every
/// acknowledged refund ticket escalated exactly once. Several rounds on one data folder, SQLite and PostgreSQL.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Rounds = 3;
    private const int Callers = 8;

    [Fact]
    public Task No_acknowledged_escalation_is_lost_or_doubled_when_the_sqlite_server_is_killed() =>
        KillRoundsAsync(new Dictionary<string, string>());

    [PostgresFact]
    public async Task No_acknowledged_escalation_is_lost_or_doubled_when_the_postgres_server_is_killed()
    {
        await using var database = new ScratchPostgresDatabase("escalation_crash");
        await KillRoundsAsync(new Dictionary<string, string>
        {
            ["Escalation:Provider"] = "Postgres",
            ["ConnectionStrings:Escalation"] = database.ConnectionString,
        });
    }

    private async Task KillRoundsAsync(Dictionary<string, string> settings)
    {
        var root = Path.Combine(Path.GetTempPath(), "escalation-crash-tests", Guid.NewGuid().ToString("N"));
        settings["Escalation:DataPath"] = Path.Combine(root, "data");
        settings["Escalation:WorkflowsPath"] = SampleWorkflows(root);
        settings["Escalation:TemplatesPath"] = Path.Combine(Org.RepositoryFolder.Path, "templates");
        var acknowledged = new Acknowledged();
        var random = new Random(Environment.TickCount);
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                await using var server = await ServerProcess.StartAsync(settings);
                using var load = new CancellationTokenSource();
                var callers = Enumerable.Range(0, Callers).Select(c => CallAsync(server, acknowledged, $"r{round}c{c}", load.Token)).ToList();
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_500, 4_000)));
                await server.KillAsync();
                load.Cancel();
                await Task.WhenAll(callers);
                output.WriteLine($"round {round}: killed with {acknowledged.Tickets.Count} tickets and {acknowledged.RefundTickets.Count} refund requests acknowledged so far");
            }

            await using var restarted = await ServerProcess.StartAsync(settings);
            var (lost, doubled) = await CheckAsync(restarted, acknowledged, settings);
            output.WriteLine($"acknowledged {acknowledged.Tickets.Count} tickets, {acknowledged.Messages.Count} messages, " +
                $"{acknowledged.RefundTickets.Count} refund requests; escalations lost {lost.Count}, doubled {doubled.Count}");
            var why = lost.Count + doubled.Count == 0 ? string.Empty : await DiagnoseAsync(settings, [.. lost, .. doubled]);
            Assert.True(lost.Count == 0 && doubled.Count == 0,
                $"lost escalations: {string.Join(", ", lost)}; doubled: {string.Join(", ", doubled)}\n{why}\n{restarted.Output[^Math.Min(restarted.Output.Length, 4000)..]}");
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A killed process's files may still be closing; the temporary folder is cleaned up by the system.
            }
        }
    }

    /// <summary>One caller: opens a ticket, then posts one customer message to it, a refund request every other time, until the kill.</summary>
    private static async Task CallAsync(ServerProcess server, Acknowledged acknowledged, string caller, CancellationToken stop)
    {
        using var client = server.Client();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                var created = await client.PostAsJsonAsync("/api/tickets", new
                {
                    subject = $"Question {caller}-{i} about my account",
                    requester = new { name = "Casey Crash", email = $"{caller}-{i}@example.com" },
                    channel = "email",
                }, stop);
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var ticket = (await created.ReadObjectAsync()).Id();
                acknowledged.Tickets.Add(ticket);
                var refund = i % 2 == 0;
                var body = refund ? $"You charged me twice ({caller}-{i}). I want a refund." : $"Thanks for the quick answer ({caller}-{i}).";
                var posted = await client.PostAsJsonAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body }, stop);
                if (posted.StatusCode == HttpStatusCode.OK)
                {
                    acknowledged.Messages.Add((ticket, body));
                    if (refund)
                    {
                        acknowledged.RefundTickets.Add(ticket);
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // The process died under the request: not acknowledged, so nothing is owed.
            }
        }
    }

    private async Task<(List<string> Lost, List<string> Doubled)> CheckAsync(ServerProcess server, Acknowledged acknowledged, Dictionary<string, string> settings)
    {
        using var client = server.Client();
        foreach (var ticket in acknowledged.Tickets)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/tickets/{ticket}")).StatusCode);
        }

        foreach (var (ticket, body) in acknowledged.Messages)
        {
            var timeline = await client.TimelineAsync(ticket);
            Assert.Contains(timeline, e => e.Type() == "message-added" && e.Data("body") == body);
        }

        await UntilOutboxDrainedAsync(server, settings);
        var lost = new List<string>();
        var doubled = new List<string>();
        foreach (var ticket in acknowledged.RefundTickets)
        {
            var escalations = (await client.TimelineAsync(ticket)).Count(e => e.Type() == "escalated");
            (escalations == 0 ? lost : escalations > 1 ? doubled : []).Add(ticket);
        }

        return (lost, doubled);
    }

    /// <summary>
    /// Waits until the restarted server has dispatched everything the killed ones committed: an outbox entry leaves
    /// only after the policies heard its events (escalations included), so an empty outbox means every escalation owed
    /// is written, and one missing then is lost, not late. How long that takes is no part of the promise: a killed
    /// node's locks, the start's other work and a loaded machine all delay it, so the bound is only against a hang.
    /// </summary>
    private async Task UntilOutboxDrainedAsync(ServerProcess server, Dictionary<string, string> settings)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var db = OpenDatabase(settings);
            var pending = await db.Set<TicketEventOutboxEntry>().AsNoTracking().OrderBy(e => e.RecordedAt).ToListAsync();
            if (pending.Count == 0)
            {
                output.WriteLine($"outbox drained {waited.Elapsed.TotalSeconds:F1} s after the acknowledged changes were checked");
                return;
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(5))
            {
                Assert.Fail($"the outbox still holds {pending.Count} tickets' events after {waited.Elapsed.TotalSeconds:F0} s; oldest: " +
                    string.Join(", ", pending.Take(10).Select(e => $"{e.TicketId} {e.FromSequence}..{e.ThroughSequence} recorded {e.RecordedAt:HH:mm:ss.fff}")) +
                    $"\n{server.Output[^Math.Min(server.Output.Length, 4000)..]}");
            }

            await Task.Delay(500);
        }
    }

    private static EscalationDbContext OpenDatabase(Dictionary<string, string> settings) =>
        settings.TryGetValue("ConnectionStrings:Escalation", out var postgres)
            ? new PostgresEscalationDbContext(new DbContextOptionsBuilder<PostgresEscalationDbContext>().UseNpgsql(postgres).Options)
            : new SqliteEscalationDbContext(new DbContextOptionsBuilder<SqliteEscalationDbContext>()
                .UseSqlite($"Data Source={Path.Combine(settings["Escalation:DataPath"], "escalation.db")}").Options);

    /// <summary>What the database holds for the tickets the check found wrong: their outbox entries, instances and incidents.</summary>
    private static async Task<string> DiagnoseAsync(Dictionary<string, string> settings, IReadOnlyList<string> tickets)
    {
        await using var db = OpenDatabase(settings);
        var report = new StringBuilder();
        var outbox = await db.Set<TicketEventOutboxEntry>().AsNoTracking().ToListAsync();
        report.AppendLine($"outbox: {outbox.Count} tickets pending");
        foreach (var ticket in tickets.Take(10).Select(Guid.Parse))
        {
            var entry = outbox.FirstOrDefault(e => e.TicketId == ticket);
            var events = await db.TicketEvents.AsNoTracking().Where(e => e.TicketId == ticket).OrderBy(e => e.Sequence).ToListAsync();
            var correlation = ticket.ToString();
            var instances = await db.Set<WorkflowInstanceRecord>().AsNoTracking().Where(i => i.CorrelationId == correlation).ToListAsync();
            var ids = instances.Select(i => i.Id).ToList();
            var incidents = await db.Set<WorkflowIncidentRecord>().AsNoTracking().Where(i => ids.Contains(i.WorkflowInstanceId)).ToListAsync();
            report.AppendLine($"ticket {ticket}: events {string.Join(" ", events.Select(e => $"{e.Sequence}:{e.Type}"))}; " +
                $"outbox {(entry is null ? "none" : $"{entry.FromSequence}..{entry.ThroughSequence} recorded {entry.RecordedAt:HH:mm:ss.fff}")}; " +
                $"instances {string.Join(", ", instances.Select(i => $"{i.Id} {i.Status}/{i.SubStatus} at {i.CreatedAt:HH:mm:ss.fff}"))}; " +
                $"incidents {string.Join(" | ", incidents.Select(i => $"{i.ActivityId}: {i.ExceptionType}: {i.Message}"))}");
        }

        return report.ToString();
    }

    /// <summary>The sample org and the retention fast lane alone, so no other policy moves the test's tickets.</summary>
    private static string SampleWorkflows(string root)
    {
        var workflows = Path.Combine(root, "workflows");
        var sample = Path.Combine(Org.RepositoryFolder.Path, "workflows");
        foreach (var file in Directory.GetFiles(Path.Combine(sample, "org"), "*", SearchOption.AllDirectories).Append(Path.Combine(sample, "escalation", "retention-fast-lane.json")))
        {
            var copy = Path.Combine(workflows, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return workflows;
    }

    private sealed class Acknowledged
    {
        public ConcurrentBag<string> Tickets { get; } = [];
        public ConcurrentBag<(string Ticket, string Body)> Messages { get; } = [];
        public ConcurrentBag<string> RefundTickets { get; } = [];
    }
}
