using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Tests.Samples;
using static EscalationStudio.Policies.Tests.Runtime.Brightline;

namespace EscalationStudio.Policies.Tests.Runtime;

/// <summary>"When tier 2 is done it goes back to tier 1", with the waits a support floor uses.</summary>
public sealed class HandoverWaitTests
{
    [Fact]
    public async Task An_internal_note_marked_done_sends_the_case_back_and_other_notes_do_not()
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        await harness.PublishAsync(new PolicyFlow("tier-2-round-trip", "Tier 2 round trip", "")
            .Node("Created", "TicketCreated", startsWorkflow: true)
            .Node("ToTier2", "EscalateToTier", new Dictionary<string, object> { ["tier"] = "tier-2", ["briefingTemplate"] = "" })
            .Node("Done", "NoteMarkedDone")
            .Node("Back", "DeEscalate", new Dictionary<string, object> { ["tier"] = "previous", ["handBackNote"] = "tier 2 fixed the export" })
            .Connect("Created", "Done", "ToTier2")
            .Connect("ToTier2", "Escalated", "Done")
            .Connect("Done", "Done", "Back")
            .Build());
        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        await harness.SettleAsync();
        Assert.Equal("tier-2", (await harness.Desk.FindAsync(ticket.Id))!.TierId);

        await harness.Desk.AddInternalNoteAsync(ticket.Id, "looking into it", Actor.Agent("jonas.becker"));
        await harness.SettleAsync();
        Assert.Equal("tier-2", (await harness.Desk.FindAsync(ticket.Id))!.TierId);

        await harness.Desk.AddInternalNoteAsync(ticket.Id, "Export fixed, config reset. #DONE", Actor.Agent("jonas.becker"));
        await harness.SettleAsync();
        Assert.Equal("tier-1", (await harness.Desk.FindAsync(ticket.Id))!.TierId);
    }

    [Theory]
    [InlineData("tier-2", "tier-2", true)]
    [InlineData("tier-2", "tier-1", false)]
    [InlineData("", "tier-1", true)]
    public async Task Solved_by_tier_fires_only_for_the_tier_named(string tier, string ticketTier, bool fires)
    {
        var ticket = await TicketInAsync(ticketTier);
        var solved = Event(TicketEventType.StatusChanged, new() { [TicketEventData.From] = "open", [TicketEventData.To] = "solved" });
        var pending = Event(TicketEventType.StatusChanged, new() { [TicketEventData.From] = "open", [TicketEventData.To] = "pending" });

        var rule = new Activities.Handover.SolvedByTierRule(tier);

        Assert.Equal(fires, rule.Evaluate(new(solved, ticket)).Fires);
        Assert.False(rule.Evaluate(new(pending, ticket)).Fires);
    }

    [Fact]
    public async Task Approval_decided_fires_on_a_grant_and_on_a_rejection_and_says_which()
    {
        var ticket = await TicketInAsync("tier-2");
        var rule = new Activities.Handover.ApprovalDecidedRule();

        var granted = rule.Evaluate(new(Event(TicketEventType.ApprovalGranted, new() { [TicketEventData.ApprovalKind] = "refund" }), ticket));
        var rejected = rule.Evaluate(new(Event(TicketEventType.TimelineEntry, new()
        {
            [TicketEventData.Kind] = Ticket.ApprovalRejectedKind,
            [TicketEventData.ApprovalKind] = "refund",
            [TicketEventData.Reason] = "over the cap",
        }), ticket));
        var other = rule.Evaluate(new(Event(TicketEventType.TimelineEntry, new() { [TicketEventData.Kind] = "sla-warning" }), ticket));

        Assert.Contains("approved the refund", granted.Reason, StringComparison.Ordinal);
        Assert.Contains("rejected the refund: over the cap", rejected.Reason, StringComparison.Ordinal);
        Assert.False(other.Fires);
    }

    [Fact]
    public async Task Owner_hands_back_fires_on_a_de_escalation_only()
    {
        var ticket = await TicketInAsync("tier-1");
        var rule = new Activities.Handover.OwnerHandsBackRule();

        Assert.True(rule.Evaluate(new(Event(TicketEventType.DeEscalated, new() { [TicketEventData.To] = "tier-1", [TicketEventData.Note] = "fixed" }), ticket)).Fires);
        Assert.False(rule.Evaluate(new(Event(TicketEventType.Escalated, new() { [TicketEventData.To] = "tier-2" }), ticket)).Fires);
    }

    private static TicketEvent Event(TicketEventType type, Dictionary<string, string> data) =>
        new(Guid.NewGuid(), Guid.NewGuid(), 2, type, Actor.Agent("jonas.becker"), MondayNineBerlin, data);

    private static async Task<Ticket> TicketInAsync(string tier)
    {
        await using var harness = new PolicyHarness(Org, MondayNineBerlin);
        var ticket = await harness.OpenAsync("Export broken", "Nothing exports");
        return tier == ticket.TierId ? ticket : await harness.Desk.EscalateAsync(ticket.Id, tier, null, "by hand", Actor.User("lead"));
    }
}
