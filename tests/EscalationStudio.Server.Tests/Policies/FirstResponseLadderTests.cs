namespace EscalationStudio.Server.Tests.Policies;

/// <summary>workflows/escalation/first-response-ladder.json: first response within 4 business hours, warnings at 50, 75 and 90 %.</summary>
public sealed class FirstResponseLadderTests(FirstResponseLadderServer server) : IClassFixture<FirstResponseLadderServer>
{
    [Fact]
    public async Task Without_a_first_response_the_ladder_warns_at_50_75_and_90_percent_then_breaches_and_goes_up_to_tier_2()
    {
        var admin = server.Admin();
        var opened = server.Clock.GetUtcNow(); // Monday 10:00 in Berlin, inside office hours: due at 14:00 Berlin
        var ticket = await admin.CreateTicketAsync(subject: "Cannot log in", email: "waiting.customer@example.com");
        await server.SettleAsync();

        await server.AdvanceAsync(TimeSpan.FromHours(3.5), TimeSpan.FromMinutes(2));
        var beforeBreach = await admin.TimelineAsync(ticket.Id());
        Assert.Equal(2, beforeBreach.Count(e => e.IsEntry("sla-warning")));
        Assert.DoesNotContain(beforeBreach, e => e.IsEntry("sla-breached"));
        Assert.Contains("sla-at-risk", (await admin.TicketAsync(ticket.Id()))["tags"]!.AsArray().Select(t => (string?)t));

        await server.AdvanceAsync(TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(2));

        var timeline = await admin.TimelineAsync(ticket.Id());
        var warnings = timeline.Where(e => e.IsEntry("sla-warning")).ToList();
        Assert.Equal(3, warnings.Count);
        string[] expected = ["50%", "75%", "90%"];
        TimeSpan[] dueAfter = [TimeSpan.FromHours(2), TimeSpan.FromHours(3), TimeSpan.FromMinutes(216)];
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains(expected[i], warnings[i].Data("text"));
            Assert.InRange(warnings[i].OccurredAt(), opened + dueAfter[i], opened + dueAfter[i] + TimeSpan.FromMinutes(2));
        }

        var breach = Assert.Single(timeline, e => e.IsEntry("sla-breached"));
        Assert.InRange(breach.OccurredAt(), opened + TimeSpan.FromHours(4), opened + TimeSpan.FromHours(4) + TimeSpan.FromMinutes(2));
        var escalated = timeline.Single("escalated");
        Assert.True(escalated["sequence"]!.GetValue<int>() > breach["sequence"]!.GetValue<int>());
        Assert.Equal("tier-1", escalated.Data("from"));
        Assert.Equal("tier-2", escalated.Data("to"));
        Assert.Equal("first-response SLA breached", escalated.Data("reason"));
        Assert.Equal("first-response-ladder", escalated.Data("policy"));
        Assert.Equal("1", escalated.Data("policyVersion"));
        Assert.Equal("Breached", escalated.Data("activity"));
        Assert.Equal("tier-2", (string?)(await admin.TicketAsync(ticket.Id()))["tier"]);
    }
}

/// <summary>The same policy on its own server (its own fake clock): a first response in time.</summary>
public sealed class FirstResponseLadderAnsweredTests(FirstResponseLadderServer server) : IClassFixture<FirstResponseLadderServer>
{
    [Fact]
    public async Task An_agent_answering_in_time_stops_the_ladder()
    {
        var admin = server.Admin();
        var ticket = await admin.CreateTicketAsync(subject: "Password reset mail missing", email: "answered.customer@example.com");
        await server.SettleAsync();
        await server.AdvanceAsync(TimeSpan.FromHours(1), TimeSpan.FromMinutes(10));

        await server.ClientWithKey(EscalationServer.Tier1AgentKey).PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "agent", body = "Resent it, please check spam too." });
        await server.SettleAsync();
        await server.AdvanceAsync(TimeSpan.FromHours(5), TimeSpan.FromMinutes(10));

        var timeline = await admin.TimelineAsync(ticket.Id());
        Assert.Contains(timeline, e => e.IsEntry("sla-met"));
        Assert.DoesNotContain(timeline, e => e.IsEntry("sla-warning") || e.IsEntry("sla-breached") || e.Type() == "escalated");
        Assert.Equal("tier-1", (string?)(await admin.TicketAsync(ticket.Id()))["tier"]);
    }
}
