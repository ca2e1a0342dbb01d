using Microsoft.Data.Sqlite;

namespace EscalationStudio.Server.Tests.Policies;

/// <summary>
/// workflows/escalation/open-too-long.json (8 business hours in the Berlin office, Mon–Fri 08:00–18:00, then tier 2)
/// published while tickets are already open: the open backlog is covered in the background. The fake clock starts on
/// Monday 2026-11-23 09:00 UTC, 10:00 in Berlin.
/// </summary>
public sealed class OpenBacklogTests
{
    private const string OpenTooLong = "open-too-long";

    [Fact]
    public async Task Tickets_open_before_an_SLA_policy_is_published_go_up_a_tier_when_their_own_8_business_hours_are_up()
    {
        using var server = new OpenBacklogServer();
        var admin = server.Admin();
        // Opened Monday 10:00 Berlin: its 8 business hours end Monday 18:00 Berlin (17:00 UTC).
        var early = await admin.CreateTicketAsync(subject: "Export to PDF fails", email: "early@example.com");
        await server.AdvanceToAsync(Utc(23, 13), TimeSpan.FromHours(1));
        // Opened Monday 14:00 Berlin: 4 hours today and 4 from Tuesday 08:00, so Tuesday 12:00 Berlin (11:00 UTC).
        var later = await admin.CreateTicketAsync(subject: "Login loop after the update", email: "later@example.com");
        var solved = await admin.CreateTicketAsync(subject: "Invoice copy", email: "done@example.com");
        (await admin.PostAsync($"/api/tickets/{solved.Id()}/status", new { status = "solved" })).EnsureSuccessStatusCode();
        await server.AdvanceToAsync(Utc(23, 16), TimeSpan.FromHours(1));

        await server.PublishAsync("open-too-long.json");
        await server.SweptAsync();

        Assert.Equal(1, await server.RunsAsync(OpenTooLong, early.Id()));
        Assert.Equal(1, await server.RunsAsync(OpenTooLong, later.Id()));
        Assert.Equal(0, await server.RunsAsync(OpenTooLong, solved.Id()));
        Assert.Contains("2 open tickets newly covered, 0 had it already, 0 failed", Assert.Single(server.SweepSummaries(OpenTooLong)));

        await server.AdvanceToAsync(Utc(23, 16, 55), TimeSpan.FromMinutes(5));
        Assert.Equal("tier-1", await TierAsync(admin, early));
        await server.AdvanceToAsync(Utc(23, 17, 5), TimeSpan.FromMinutes(5));
        var escalated = (await admin.TimelineAsync(early.Id())).Single("escalated");
        Assert.Equal("tier-2", escalated.Data("to"));
        Assert.Equal(OpenTooLong, escalated.Data("policy"));
        Assert.Equal("open longer than 8 business hours", escalated.Data("reason"));
        Assert.InRange(escalated.OccurredAt(), Utc(23, 17), Utc(23, 17, 5));
        Assert.Equal("tier-1", await TierAsync(admin, later));

        await server.AdvanceToAsync(Utc(24, 10, 55), TimeSpan.FromHours(1));
        Assert.Equal("tier-1", await TierAsync(admin, later));
        await server.AdvanceToAsync(Utc(24, 11, 5), TimeSpan.FromMinutes(5));
        Assert.InRange((await admin.TimelineAsync(later.Id())).Single("escalated").OccurredAt(), Utc(24, 11), Utc(24, 11, 5));
        Assert.Equal("tier-1", await TierAsync(admin, solved));
    }

    [Fact]
    public async Task A_ticket_already_past_its_target_is_recorded_as_breached_and_escalated_as_soon_as_the_policy_is_published()
    {
        using var server = new OpenBacklogServer();
        var admin = server.Admin();
        var ticket = await admin.CreateTicketAsync(subject: "Export to PDF fails", email: "forgotten@example.com");
        // Tuesday 11:00 Berlin: 9 business hours open.
        await server.AdvanceToAsync(Utc(24, 10), TimeSpan.FromHours(1));

        await server.PublishAsync("open-too-long.json");
        await server.SweptAsync();

        Assert.Equal("tier-2", await TierAsync(admin, ticket));
        var timeline = await admin.TimelineAsync(ticket.Id());
        var breached = Assert.Single(timeline, e => e.IsEntry("sla-breached"));
        var escalated = timeline.Single("escalated");
        Assert.True(breached["sequence"]!.GetValue<int>() < escalated["sequence"]!.GetValue<int>());
        Assert.Equal(Utc(24, 10), escalated.OccurredAt());
        Assert.Equal(OpenTooLong, escalated.Data("policy"));
    }

    [Fact]
    public async Task A_policy_arriving_in_workflows_while_the_server_is_down_covers_the_open_tickets_at_start_and_never_twice()
    {
        var data = Path.Combine(Path.GetTempPath(), "escalation-backlog-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string ticket;
            using (var before = new OpenBacklogServer(data))
            {
                ticket = (await before.Admin().CreateTicketAsync(subject: "Export to PDF fails", email: "restored@example.com")).Id();
            }

            using (var first = new OpenBacklogServer(data, "open-too-long.json"))
            {
                await first.SweptAsync();
                Assert.Equal(1, await first.RunsAsync(OpenTooLong, ticket));

                // A new version sweeps again, and finds the ticket covered.
                await first.PublishAsync("open-too-long.json", description: "Open longer than 8 business hours: tier 2 (reworded)");
                await first.SweptAsync();
                Assert.Equal(1, await first.RunsAsync(OpenTooLong, ticket));
                Assert.Contains("0 open tickets newly covered, 1 had it already", first.SweepSummaries(OpenTooLong)[^1]);

                await first.AdvanceToAsync(Utc(23, 16, 55), TimeSpan.FromHours(1));
                await first.AdvanceToAsync(Utc(23, 17, 5), TimeSpan.FromMinutes(5));
                Assert.Equal("tier-2", await TierAsync(first.Admin(), ticket));
            }

            // Restarted after the policy finished on the ticket: the start-up sweep must not escalate it again.
            using var second = new OpenBacklogServer(data, "open-too-long.json");
            second.Clock.SetUtcNow(Utc(23, 18));
            await second.SweptAsync();
            Assert.Equal(1, await second.RunsAsync(OpenTooLong, ticket));
            Assert.Contains("0 open tickets newly covered, 1 had it already", Assert.Single(second.SweepSummaries(OpenTooLong)));
            Assert.Single(await second.Admin().TimelineAsync(ticket), e => e.Type() == "escalated");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Left to the OS temp cleaner rather than failing the test.
            }
        }
    }

    [Fact]
    public async Task A_keyword_policy_published_later_leaves_old_messages_alone_and_acts_on_new_ones()
    {
        using var server = new OpenBacklogServer();
        var admin = server.Admin();
        var old = await admin.CreateTicketAsync(subject: "I want to cancel my subscription", email: "old.news@example.com");
        await server.AdvanceToAsync(Utc(23, 12), TimeSpan.FromHours(1));

        await server.PublishAsync("retention-fast-lane.json");
        await server.SweptAsync();
        var fresh = await admin.CreateTicketAsync(subject: "I want to cancel my subscription", email: "fresh@example.com");
        await server.SettleAsync();

        Assert.Equal("tier-1", await TierAsync(admin, old));
        Assert.Equal(0, await server.RunsAsync("retention-fast-lane", old.Id()));
        Assert.Empty(server.SweepSummaries("retention-fast-lane"));
        Assert.Equal("retention", await TierAsync(admin, fresh));
    }

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static Task<string?> TierAsync(HttpClient client, System.Text.Json.Nodes.JsonObject ticket) => TierAsync(client, ticket.Id());

    private static async Task<string?> TierAsync(HttpClient client, string ticketId) => (string?)(await client.TicketAsync(ticketId))["tier"];
}
