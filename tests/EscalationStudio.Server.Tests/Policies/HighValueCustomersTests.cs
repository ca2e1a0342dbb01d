using System.Net;
using System.Net.Http.Json;

namespace EscalationStudio.Server.Tests.Policies;

/// <summary>workflows/escalation/high-value-customers.json: lifetime value of 10,000 or more goes straight to the managers' tier.</summary>
public sealed class HighValueCustomersTests(HighValueCustomersServer server) : IClassFixture<HighValueCustomersServer>
{
    private static readonly string[] Managers = ["claire.dupont", "martin.kruger", "olivia.brown", "samuel.mensah"];

    [Fact]
    public async Task A_high_value_customer_goes_straight_to_a_senior_lead_and_needs_a_managers_sign_off()
    {
        var admin = server.Admin();
        var ticket = await admin.CreateTicketAsync(subject: "Dashboard is slow", email: "big.account@example.com"); // lifetime value 12,000
        await server.SettleAsync();

        var read = await admin.TicketAsync(ticket.Id());
        Assert.Equal("managers", (string?)read["tier"]);
        Assert.Contains((string?)read["owner"], Managers);
        Assert.False((bool)read["signOff"]!["signedOff"]!);
        var escalated = (await admin.TimelineAsync(ticket.Id())).Single("escalated");
        Assert.Equal("tier-1", escalated.Data("from"));
        Assert.Equal("managers", escalated.Data("to"));
        Assert.Equal((string?)read["owner"], escalated.Data("toOwner"));
        Assert.Equal("high-value-customers", escalated.Data("policy"));
        Assert.Equal("1", escalated.Data("policyVersion"));
        Assert.Equal("ToSeniorLead", escalated.Data("activity"));
        Assert.False(string.IsNullOrWhiteSpace(escalated.Data("reason")));

        var byTier1 = await server.ClientWithKey(EscalationServer.Tier1AgentKey).PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "solved" });
        var refusal = await byTier1.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("sign", (string?)refusal["detail"], StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual("solved", (string?)(await admin.TicketAsync(ticket.Id()))["status"]);

        var byManager = await server.ClientWithKey(EscalationServer.ManagerAgentKey).PostAsync($"/api/tickets/{ticket.Id()}/status", new { status = "solved" });
        Assert.Equal(HttpStatusCode.OK, byManager.StatusCode);
        Assert.Equal("solved", (string?)(await admin.TicketAsync(ticket.Id()))["status"]);
    }

    [Fact]
    public async Task A_customer_below_the_threshold_stays_in_tier_1()
    {
        var admin = server.Admin();
        var created = await admin.PostAsJsonAsync("/api/tickets", new
        {
            subject = "Dashboard is slow",
            description = "Since Monday.",
            requester = new { name = "Small Shop", email = "small.shop@example.com", lifetimeValue = 9_999m },
            channel = "email",
        });
        var ticket = await created.ReadObjectAsync();
        await server.SettleAsync();

        var read = await admin.TicketAsync(ticket.Id());
        Assert.Equal("tier-1", (string?)read["tier"]);
        Assert.Null(read["signOff"]);
        Assert.DoesNotContain(await admin.TimelineAsync(ticket.Id()), e => e.Type() == "escalated");
    }
}
