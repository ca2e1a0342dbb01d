using System.Net;

namespace EscalationStudio.Server.Tests.Policies;

/// <summary>workflows/escalation/retention-fast-lane.json: refund, legal, cancel or urgent words send the case to retention.</summary>
public sealed class RetentionFastLaneTests(RetentionFastLaneServer server) : IClassFixture<RetentionFastLaneServer>
{
    private static readonly string[] RetentionAgents = ["nina.petrova", "ahmed.hassan", "julia.wagner", "leo.moretti"];

    [Fact]
    public async Task A_customer_asking_for_a_refund_goes_to_a_retention_specialist_at_once_with_a_briefing()
    {
        var admin = server.Admin();
        var ticket = await admin.CreateTicketAsync(subject: "Invoice looks wrong", email: "refund.seeker@example.com");
        await server.SettleAsync();
        Assert.Equal("tier-1", (string?)(await admin.TicketAsync(ticket.Id()))["tier"]);

        var posted = await admin.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "customer", body = "You charged me twice. I want a REFUND for March." });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await server.SettleAsync();

        var read = await admin.TicketAsync(ticket.Id());
        Assert.Equal("retention", (string?)read["tier"]);
        Assert.Equal("urgent", (string?)read["priority"]);
        Assert.Contains((string?)read["owner"], RetentionAgents);
        var timeline = await admin.TimelineAsync(ticket.Id());
        var escalated = timeline.Single("escalated");
        Assert.Equal("tier-1", escalated.Data("from"));
        Assert.Equal("retention", escalated.Data("to"));
        Assert.Equal((string?)read["owner"], escalated.Data("toOwner"));
        Assert.Contains("refund", escalated.Data("reason"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("retention-fast-lane", escalated.Data("policy"));
        Assert.Equal("1", escalated.Data("policyVersion"));
        Assert.Equal("ToRetention", escalated.Data("activity"));
        Assert.Equal(server.Clock.GetUtcNow(), escalated.OccurredAt());
        Assert.Contains(timeline, e => e.IsEntry("briefing-sent"));
        Assert.Contains(timeline, e => e.IsEntry("customer-notification"));
    }

    [Fact]
    public async Task A_retention_specialist_who_does_not_answer_within_five_minutes_hands_over_to_another()
    {
        var admin = server.Admin();
        var ticket = await admin.CreateTicketAsync(subject: "Please cancel my plan", email: "canceller@example.com");
        await server.SettleAsync();
        var first = (string?)(await admin.TicketAsync(ticket.Id()))["owner"];
        Assert.Contains(first, RetentionAgents);

        await server.AdvanceAsync(TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(1));
        Assert.Equal(first, (string?)(await admin.TicketAsync(ticket.Id()))["owner"]);
        await server.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));

        var read = await admin.TicketAsync(ticket.Id());
        Assert.Equal("retention", (string?)read["tier"]);
        Assert.Contains((string?)read["owner"], RetentionAgents);
        Assert.NotEqual(first, (string?)read["owner"]);
        var reassigned = (await admin.TimelineAsync(ticket.Id())).Single("reassigned");
        Assert.Equal("no answer within five minutes", reassigned.Data("note") ?? reassigned.Data("reason"));
    }

    [Fact]
    public async Task A_retention_specialist_who_answers_in_time_keeps_the_case()
    {
        var admin = server.Admin();
        var ticket = await admin.CreateTicketAsync(subject: "Refund for the outage", email: "answered.in.time@example.com");
        await server.SettleAsync();
        var owner = (string?)(await admin.TicketAsync(ticket.Id()))["owner"];

        await server.AdvanceAsync(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "agent", body = "Looking into your refund now." })).StatusCode);
        await server.SettleAsync();
        await server.AdvanceAsync(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));

        Assert.Equal(owner, (string?)(await admin.TicketAsync(ticket.Id()))["owner"]);
        Assert.DoesNotContain(await admin.TimelineAsync(ticket.Id()), e => e.Type() == "reassigned");
    }

    [Fact]
    public async Task Retention_may_grant_credits_up_to_its_cap_and_no_further()
    {
        var admin = server.Admin();
        var specialist = server.ClientWithKey(RetentionFastLaneServer.RetentionAgentKey);
        var ticket = await admin.CreateTicketAsync(subject: "Cancel or I want a credit", email: "credit.seeker@example.com");
        await server.SettleAsync();

        var withinCap = await specialist.PostAsync($"/api/tickets/{ticket.Id()}/approvals", new { kind = "credit", amount = 300m, note = "loyalty credit" });
        Assert.Equal(HttpStatusCode.OK, withinCap.StatusCode);
        var beyondCap = await specialist.PostAsync($"/api/tickets/{ticket.Id()}/approvals", new { kind = "credit", amount = 301m, note = "too generous" });
        var problem = await beyondCap.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("300", (string?)problem["detail"]);
    }
}
