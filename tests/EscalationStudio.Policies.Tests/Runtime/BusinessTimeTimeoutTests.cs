using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Tests.Samples;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Runtime;

/// <summary>Timeouts of approvals and ticket waits count business time, in the named calendar or the owning tier's.</summary>
public sealed class BusinessTimeTimeoutTests
{
    /// <summary>Friday 6 March 2026, 16:00 in New York (EST, UTC-5); the clocks go forward to EDT on Sunday the 8th.</summary>
    private static readonly DateTimeOffset FridayFourPmNewYork = new(2026, 3, 6, 16, 0, 0, TimeSpan.FromHours(-5));

    /// <summary>Saturday 7 March 2026, 12:30 in Berlin: the EMEA office (tier 1's calendar) is open 09:00–13:00 on Saturdays.</summary>
    private static readonly DateTimeOffset SaturdayHalfPastNoonBerlin = new(2026, 3, 7, 12, 30, 0, TimeSpan.FromHours(1));

    private static async Task<(PolicyHarness Harness, Guid TicketId)> RunAsync(PolicyFlow flow, DateTimeOffset start)
    {
        var harness = new PolicyHarness(Org, start);
        await harness.PublishAsync(flow.Build());
        var ticket = await harness.Desk.CreateAsync(new NewTicket("Help", "Please help.",
            new NewTicketRequester("Maria Lopez", "maria@example.com", LifetimeValue: 100), TicketChannel.Email, OwnerAgentId: "ana.kovac"), Actor.System);
        await harness.SettleAsync();
        return (harness, ticket.Id);
    }

    private static async Task<IReadOnlyList<string>> TagsAsync(PolicyHarness harness, Guid ticketId) => (await harness.Desk.FindAsync(ticketId))!.Tags;

    [Fact]
    public async Task RequireApproval_two_hours_asked_friday_at_four_in_a_nine_to_five_calendar_times_out_monday_at_ten()
    {
        var flow = new PolicyFlow("approval", "Approval", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("Ask", "RequireApproval", new Dictionary<string, object>
            {
                ["kind"] = "Credit",
                ["amount"] = 1_500m,
                ["reason"] = "goodwill",
                ["timeout"] = "2h",
                ["calendar"] = "americas-office",
            })
            .Node("TimedOut", "AddTag", new Dictionary<string, object> { ["tag"] = "timed-out" })
            .Connect("Start", "Done", "Ask")
            .Connect("Ask", "TimedOut", "TimedOut");
        var (harness, ticketId) = await RunAsync(flow, FridayFourPmNewYork);
        await using var _ = harness;
        var mondayTenNewYork = new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(-4));

        await harness.AdvanceAsync(mondayTenNewYork - FridayFourPmNewYork - TimeSpan.FromMinutes(1));
        Assert.Empty(await TagsAsync(harness, ticketId));

        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["timed-out"], await TagsAsync(harness, ticketId));
    }

    [Fact]
    public async Task WaitForTicket_without_a_calendar_counts_in_the_owning_tiers_calendar()
    {
        var flow = new PolicyFlow("wait", "Wait", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("Wait", "WaitForTicket", new Dictionary<string, object> { ["condition"] = "CustomerReplied", ["timeout"] = "1h" })
            .Node("TimedOut", "AddTag", new Dictionary<string, object> { ["tag"] = "timed-out" })
            .Connect("Start", "Done", "Wait")
            .Connect("Wait", "TimedOut", "TimedOut");
        var (harness, ticketId) = await RunAsync(flow, SaturdayHalfPastNoonBerlin);
        await using var _ = harness;

        // Half an hour left on Saturday (closes 13:00), the other half from Monday's opening at 08:00.
        var mondayHalfPastEightBerlin = new DateTimeOffset(2026, 3, 9, 8, 30, 0, TimeSpan.FromHours(1));
        await harness.AdvanceAsync(mondayHalfPastEightBerlin - SaturdayHalfPastNoonBerlin - TimeSpan.FromMinutes(1));
        Assert.Empty(await TagsAsync(harness, ticketId));

        await harness.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["timed-out"], await TagsAsync(harness, ticketId));
    }
}
