using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EscalationStudio.Persistence;
using EscalationStudio.Persistence.Delivery;
using EscalationStudio.Persistence.Postgres;
using EscalationStudio.Persistence.Sqlite;
using EscalationStudio.Server.Delivery;
using EscalationStudio.Server.Tests.Durability;
using EscalationStudio.Server.Tests.Persistence;
using EscalationStudio.Server.Tests.Policies;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace EscalationStudio.Server.Tests.Delivery;

/// <summary>
/// Never lost, never sent twice: the server runs as its own process with the retention fast lane, whose briefings go
/// to the retention room's webhook. The process is killed with SIGKILL while the briefings are committed but not yet
/// delivered (the receiver is down), started again with the receiver up, and each briefing must arrive exactly once;
/// killed and started once more, nothing that was answered is sent again.
/// </summary>
public sealed class DeliveryCrashTests(ITestOutputHelper output)
{
    private const int Tickets = 4;

    [Fact]
    public Task A_briefing_committed_before_a_kill_is_delivered_once_after_the_restart_on_sqlite() =>
        KillAndRestartAsync([]);

    [PostgresFact]
    public async Task A_briefing_committed_before_a_kill_is_delivered_once_after_the_restart_on_postgres()
    {
        await using var database = new ScratchPostgresDatabase("escalation_delivery_crash");
        await KillAndRestartAsync(new Dictionary<string, string>
        {
            ["Escalation:Provider"] = "Postgres",
            ["ConnectionStrings:Escalation"] = database.ConnectionString,
        });
    }

    private async Task KillAndRestartAsync(Dictionary<string, string> settings)
    {
        var root = Path.Combine(Path.GetTempPath(), "escalation-delivery-crash", Guid.NewGuid().ToString("N"));
        var port = Receivers.FreePort();
        settings["Escalation:DataPath"] = Path.Combine(root, "data");
        settings["Escalation:WorkflowsPath"] = RetentionWorkflows(root);
        settings["Escalation:TemplatesPath"] = Path.Combine(Org.RepositoryFolder.Path, "templates");
        settings["Escalation:Delivery:Chat:Enabled"] = "true";
        settings["Escalation:Delivery:Chat:Webhooks:retention-room:Url"] = $"http://127.0.0.1:{port}/hooks/retention";
        settings["Escalation:Delivery:FirstRetryDelay"] = "00:00:00.200";
        settings["Escalation:Delivery:MaxRetryDelay"] = "00:00:00.500";
        settings["Escalation:Delivery:PollInterval"] = "00:00:00.200";

        // Timeout and Lease stay at their defaults (30 s, 5 minutes): a shorter timeout let a receiver slowed by a busy
        // machine answer after it, and the retry then called it twice (with the same key, but a second call).
        try
        {
            var tickets = new List<string>();
            await using (var first = await ServerProcess.StartAsync(settings))
            {
                using var client = first.Client();
                for (var i = 0; i < Tickets; i++)
                {
                    tickets.Add(await RefundRequestAsync(client, i));
                }

                // Committed and tried against a receiver that is down: in the outbox, not delivered.
                foreach (var ticket in tickets)
                {
                    await UntilTimelineAsync(client, ticket, DeliverySender.FailedKind);
                }

                await first.KillAsync();
            }

            // A kill inside an attempt leaves its row leased for the default 5 minutes; make sure the first life left
            // one such lease (the kill may as well fall between attempts): the restart on the same data folder must
            // take it back at once (each delivery below is waited for 60 s at most).
            Assert.True(await LeaveDeadProcessLeaseAsync(settings) > 0, "no undelivered row to lease");

            await using var receiver = await WebhookReceiver.StartAsync(port);
            await using (var second = await ServerProcess.StartAsync(settings))
            {
                using var client = second.Client();
                foreach (var ticket in tickets)
                {
                    await UntilTimelineAsync(client, ticket, DeliverySender.SucceededKind);
                }

                await second.KillAsync();
            }

            // A third life, long enough for many rounds of the sender (every 0.2 s): an answered row is never sent again.
            await using (var third = await ServerProcess.StartAsync(settings))
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
                using var client = third.Client();
                foreach (var ticket in tickets)
                {
                    Assert.Single(await client.TimelineAsync(ticket), e => e.IsEntry(DeliverySender.SucceededKind));
                }
            }

            var calls = receiver.Calls.ToList();
            output.WriteLine($"{tickets.Count} briefings; receiver called {calls.Count} times with {calls.Select(c => c.Key).Distinct().Count()} keys");
            Assert.Equal(Tickets, calls.Count);
            Assert.Equal(Tickets, calls.Select(c => c.Key).Distinct().Count());
            Assert.All(calls, c => Assert.Equal("hooks/retention", c.Path));
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A killed process's files may still be closing.
            }
        }
    }

    /// <summary>Leases the undelivered rows to a process of this node that is gone, as a kill inside an attempt does.</summary>
    private static async Task<int> LeaveDeadProcessLeaseAsync(Dictionary<string, string> settings)
    {
        var holder = $"{DeliverySender.NodeOf(settings["Escalation:DataPath"])}0dead0:1";
        await using EscalationDbContext db = settings.TryGetValue("ConnectionStrings:Escalation", out var postgres)
            ? new PostgresEscalationDbContext(new DbContextOptionsBuilder<PostgresEscalationDbContext>().UseNpgsql(postgres).Options)
            : new SqliteEscalationDbContext(new DbContextOptionsBuilder<SqliteEscalationDbContext>()
                .UseSqlite($"Data Source={Path.Combine(settings["Escalation:DataPath"], "escalation.db")}").Options);
        var until = DateTimeOffset.UtcNow.AddMinutes(5);
        return await db.Set<DeliveryOutboxEntry>().Where(e => e.DeliveredAt == null && e.GaveUpAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.LeasedBy, holder).SetProperty(e => e.LeasedUntil, until));
    }

    private static async Task<string> RefundRequestAsync(HttpClient client, int i)
    {
        var created = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject = $"Charged twice ({i})",
            requester = new { name = "Casey Crash", email = $"casey-{i}@example.com" },
            channel = "email",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ticket = (await created.ReadObjectAsync()).Id();
        var posted = await client.PostAsJsonAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body = "You charged me twice. I want a refund." });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        return ticket;
    }

    private static async Task UntilTimelineAsync(HttpClient client, string ticket, string kind)
    {
        var waited = Stopwatch.StartNew();
        while (!(await client.TimelineAsync(ticket)).Any(e => e.IsEntry(kind)))
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"ticket {ticket} has no {kind} entry after 60 s");
            }

            await Task.Delay(100);
        }
    }

    private static string RetentionWorkflows(string root)
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
}
