using System.Net;

namespace EscalationStudio.Server.Tests.Policies;

/// <summary>workflows/escalation/customer-asks-for-a-manager.json: a customer who asks for a manager gets one.</summary>
public sealed class CustomerAsksForAManagerTests(CustomerAsksForAManagerServer server) : IClassFixture<CustomerAsksForAManagerServer>
{
    private static readonly string[] Managers = ["claire.dupont", "martin.kruger", "olivia.brown", "samuel.mensah"];

    [Fact]
    public async Task A_customer_asking_for_a_manager_goes_to_the_managers_tier_with_a_briefing_and_a_note_to_the_customer()
    {
        var admin = server.Admin();
        var ticket = await CreateAsync(admin, "Still no answer", lifetimeValue: 300m);
        await server.SettleAsync();
        Assert.Equal("tier-1", (string?)(await admin.TicketAsync(ticket))["tier"]);

        var posted = await admin.PostAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body = "Third time I write about this. Let me speak to your supervisor." });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await server.SettleAsync();

        var read = await admin.TicketAsync(ticket);
        Assert.Equal("managers", (string?)read["tier"]);
        Assert.Contains((string?)read["owner"], Managers);
        var timeline = await admin.TimelineAsync(ticket);
        var escalated = timeline.Single("escalated");
        Assert.Equal("tier-1", escalated.Data("from"));
        Assert.Equal("customer-asks-for-a-manager", escalated.Data("policy"));
        Assert.Equal("ToManager", escalated.Data("activity"));
        Assert.Contains("supervisor", escalated.Data("reason"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(timeline, e => e.IsEntry("briefing-sent"));
        Assert.Contains(timeline, e => e.IsEntry("customer-notification"));
        Assert.Null(read["signOff"]);

        // Asked again while a manager has it: tagged, not moved again, and no manager is alerted about a refused move.
        await admin.PostAsync($"/api/tickets/{ticket}/messages", new { kind = "customer", body = "I still want to talk to a manager." });
        await server.SettleAsync();
        var after = await admin.TimelineAsync(ticket);
        Assert.Single(after, e => e.Type() == "escalated");
        Assert.Contains("manager-requested", (await admin.TicketAsync(ticket))["tags"]!.AsArray().Select(t => (string?)t));
        Assert.DoesNotContain(after, e => e.IsEntry("manager-alert"));
    }

    [Fact]
    public async Task A_high_value_customer_asking_for_a_manager_moves_once_and_still_needs_a_managers_sign_off()
    {
        var admin = server.Admin();
        var ticket = await CreateAsync(admin, "I want to speak to your manager", lifetimeValue: 25_000m);
        await server.SettleAsync();

        var read = await admin.TicketAsync(ticket);
        var timeline = await admin.TimelineAsync(ticket);
        Assert.Equal("managers", (string?)read["tier"]);
        Assert.Single(timeline, e => e.Type() == "escalated");
        // Whichever policy moved it first, the other finds it with the managers: the sign-off holds and nobody is alerted.
        Assert.False((bool)read["signOff"]!["signedOff"]!);
        Assert.DoesNotContain(timeline, e => e.IsEntry("manager-alert"));
    }

    [Fact]
    public async Task A_high_value_customer_whose_case_a_manager_has_already_still_needs_a_managers_sign_off()
    {
        var admin = server.Admin();
        var ticket = await CreateAsync(admin, "Contract renewal terms", lifetimeValue: 25_000m, tier: "managers");
        await server.SettleAsync();

        var read = await admin.TicketAsync(ticket);
        var timeline = await admin.TimelineAsync(ticket);
        Assert.Equal("managers", (string?)read["tier"]);
        Assert.DoesNotContain(timeline, e => e.Type() == "escalated");
        Assert.False((bool)read["signOff"]!["signedOff"]!);
        Assert.DoesNotContain(timeline, e => e.IsEntry("manager-alert"));
    }

    private static async Task<string> CreateAsync(HttpClient admin, string subject, decimal lifetimeValue, string? tier = null)
    {
        var created = await admin.PostAsync("/api/tickets", new
        {
            subject,
            description = "Nobody answered my previous two emails.",
            requester = new { name = "Robin Vale", email = $"robin.{Guid.NewGuid():N}@example.com", lifetimeValue },
            channel = "email",
            tier,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.ReadObjectAsync()).Id();
    }
}
