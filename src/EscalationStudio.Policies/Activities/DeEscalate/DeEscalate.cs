using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.DeEscalate;

[Activity("Escalation", "Escalation",
    "Hands the case back down, to the tier it came from or to a named lower tier, with a hand-back note so the " +
    "receiving agent knows what was done.",
    DisplayName = "De-escalate")]
[FlowNode("DeEscalated", "NotAllowed")]
public sealed class DeEscalate : Activity
{
    public const string PreviousTier = "previous";

    [Input(Description = "'previous' = the tier the case came from; or a lower tier.", DefaultValue = PreviousTier, UIHint = UIHints.DropDown, OptionsProvider = typeof(HandBackTierOptions))]
    public Input<string>? Tier { get; set; }

    [Input(Description = "What was done and what is left for the receiving tier.", UIHint = UIHints.MultiLine)]
    public Input<string>? HandBackNote { get; set; }

    [Input(Description = "How to pick the owner: the previous owner is preferred when they still work in that tier.", DefaultValue = Routing.OwnerPick.LeastLoaded, UIHint = UIHints.DropDown)]
    public Input<OwnerPick>? OwnerPick { get; set; }

    [Input(Description = "Hand-back template sent to the receiving agent; empty = none.",
        DefaultValue = "agent/de-escalation-handback",
        UIHint = UIHints.DropDown, OptionsProvider = typeof(Designer.OptionalAgentTemplateOptions))]
    public Input<string>? Template { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var ticketId = context.TicketId();
        var timeline = await context.WithDeskAsync(desk => desk.GetTimelineAsync(ticketId));
        var org = context.Org();
        var requested = context.Get(Tier);
        var lastMoveUp = timeline.LastOrDefault(e => e.Type == TicketEventType.Escalated);
        var tier = string.IsNullOrWhiteSpace(requested) || requested == PreviousTier ? lastMoveUp?[TicketEventData.From] : requested;
        if (string.IsNullOrWhiteSpace(tier))
        {
            await PolicyReasons.RecordRefusalAsync(context, "de-escalation-refused", "there is no earlier tier to hand the case back to", "NotAllowed");
            context.Complete("NotAllowed");
            return;
        }

        var previousOwner = lastMoveUp?[TicketEventData.FromOwner];
        var backToPreviousOwner = !string.IsNullOrEmpty(previousOwner) && org.FindAgent(previousOwner) is { } agent && string.Equals(agent.TierId, tier, StringComparison.OrdinalIgnoreCase);
        await using var picked = backToPreviousOwner ? PickedOwner.Nobody : await context.GetRequiredService<OwnerPicker>().PickAsync(org, tier, context.Get(OwnerPick), null, null);
        var owner = backToPreviousOwner ? previousOwner : picked.AgentId;
        var note = PolicyReasons.Of(context, context.Get(HandBackNote));
        try
        {
            await context.WithDeskAsync(desk => desk.DeEscalateAsync(ticketId, tier, owner, note, context.Policy(), context.Decision()));
        }
        catch (TicketRuleViolationException refused)
        {
            await PolicyReasons.RecordRefusalAsync(context, "de-escalation-refused", $"could not hand back to {tier}: {refused.Message}", "NotAllowed");
            context.Complete("NotAllowed");
            return;
        }

        await Communication.SendBriefing.SendAsync(context, context.Get(Template), note);
        context.Complete("DeEscalated");
    }
}
