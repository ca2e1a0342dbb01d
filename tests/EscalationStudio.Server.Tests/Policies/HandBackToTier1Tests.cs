using System.Net;

namespace EscalationStudio.Server.Tests.Policies;

/// <summary>workflows/escalation/hand-back-to-tier-1.json: an agent's flag sends the case to billing, which hands it back when the blocker is solved.</summary>
public sealed class HandBackToTier1Tests(HandBackToTier1Server server) : IClassFixture<HandBackToTier1Server>
{
    [Fact]
    public async Task The_billing_specialist_hands_the_case_back_to_the_tier_1_agent_it_came_from()
    {
        var admin = server.Admin();
        var agent = server.ClientWithKey(EscalationServer.Tier1AgentKey);
        var ticket = await admin.CreateTicketAsync(subject: "Invoice shows the wrong VAT", email: "vat.question@example.com", owner: EscalationServer.Tier1Agent);

        var flagged = await agent.PostAsync($"/api/tickets/{ticket.Id()}/escalate", new { reason = "VAT rules are billing's call" });
        Assert.Equal(HttpStatusCode.OK, flagged.StatusCode);
        await server.SettleAsync();

        var atBilling = await admin.TicketAsync(ticket.Id());
        Assert.Equal("billing", (string?)atBilling["tier"]);
        var specialist = (string?)atBilling["owner"];
        Assert.Contains(specialist, new[] { "grace.kim", "diego.ramirez" });
        var escalated = (await admin.TimelineAsync(ticket.Id())).Single("escalated");
        Assert.Equal("tier-1", escalated.Data("from"));
        Assert.Equal(EscalationServer.Tier1Agent, escalated.Data("fromOwner"));
        Assert.Equal("billing", escalated.Data("to"));
        Assert.Contains("VAT rules are billing's call", escalated.Data("reason"));
        Assert.Equal("hand-back-to-tier-1", escalated.Data("policy"));
        Assert.Equal("1", escalated.Data("policyVersion"));
        Assert.Equal("ToBilling", escalated.Data("activity"));

        await server.AdvanceAsync(TimeSpan.FromHours(2), TimeSpan.FromMinutes(30));
        Assert.Equal("billing", (string?)(await admin.TicketAsync(ticket.Id()))["tier"]);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tickets/{ticket.Id()}/tags", new { tag = "blocker-resolved" })).StatusCode);
        await server.SettleAsync();

        var back = await admin.TicketAsync(ticket.Id());
        Assert.Equal("tier-1", (string?)back["tier"]);
        Assert.Equal(EscalationServer.Tier1Agent, (string?)back["owner"]);
        var handedBack = (await admin.TimelineAsync(ticket.Id())).Single("de-escalated");
        Assert.Equal("billing", handedBack.Data("from"));
        Assert.Equal(specialist, handedBack.Data("fromOwner"));
        Assert.Equal("tier-1", handedBack.Data("to"));
        Assert.Equal(EscalationServer.Tier1Agent, handedBack.Data("toOwner"));
        Assert.StartsWith("The billing specialist solved the blocking issue", handedBack.Data("note"));
        Assert.Equal("hand-back-to-tier-1", handedBack.Data("policy"));
        Assert.Equal("1", handedBack.Data("policyVersion"));
        Assert.Equal("BackToTier1", handedBack.Data("activity"));
    }
}
