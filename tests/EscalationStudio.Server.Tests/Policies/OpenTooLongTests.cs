namespace EscalationStudio.Server.Tests.Policies;

/// <summary>workflows/escalation/open-too-long.json: open longer than 8 business hours (EMEA office, Berlin) goes up to tier 2.</summary>
public sealed class OpenTooLongTests(OpenTooLongServer server) : IClassFixture<OpenTooLongServer>
{
    [Fact]
    public async Task A_ticket_open_for_8_business_hours_goes_up_to_tier_2_and_the_customer_is_told()
    {
        var admin = server.Admin();

        // Monday 14:00 in Berlin (13:00 UTC): 4 business hours are left today, so the 8 hours end Tuesday 12:00 Berlin.
        await server.AdvanceToAsync(new DateTimeOffset(2026, 11, 23, 13, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));
        var ticket = await admin.CreateTicketAsync(subject: "Export to PDF fails", email: "slow.burn@example.com");
        await server.SettleAsync();

        // Overnight: 21 wall-clock hours, but only 6 h 50 min of business time.
        await server.AdvanceToAsync(new DateTimeOffset(2026, 11, 24, 9, 50, 0, TimeSpan.Zero), TimeSpan.FromMinutes(30));
        Assert.Equal("tier-1", (string?)(await admin.TicketAsync(ticket.Id()))["tier"]);

        await server.AdvanceToAsync(new DateTimeOffset(2026, 11, 24, 11, 5, 0, TimeSpan.Zero), TimeSpan.FromMinutes(5));

        var read = await admin.TicketAsync(ticket.Id());
        Assert.Equal("tier-2", (string?)read["tier"]);
        Assert.NotNull((string?)read["owner"]);
        var timeline = await admin.TimelineAsync(ticket.Id());
        var escalated = timeline.Single("escalated");
        Assert.Equal("tier-1", escalated.Data("from"));
        Assert.Equal("tier-2", escalated.Data("to"));
        Assert.Equal((string?)read["owner"], escalated.Data("toOwner"));
        Assert.Equal("open longer than 8 business hours", escalated.Data("reason"));
        Assert.Equal("open-too-long", escalated.Data("policy"));
        Assert.Equal("1", escalated.Data("policyVersion"));
        Assert.Equal("UpToTier2", escalated.Data("activity"));
        Assert.Equal("policy:open-too-long", (string?)escalated["actor"]);
        Assert.InRange(escalated.OccurredAt(), new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 11, 5, 0, TimeSpan.Zero));
        var notified = Assert.Single(timeline, e => e.IsEntry("customer-notification"));
        Assert.True(notified["sequence"]!.GetValue<int>() > escalated["sequence"]!.GetValue<int>());
    }
}
