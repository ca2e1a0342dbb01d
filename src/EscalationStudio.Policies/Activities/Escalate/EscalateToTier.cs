using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Briefings;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Routing;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities.Escalate;

[Activity("Escalation", "Escalation",
    "Moves the case up to a higher tier or to a specialist group, picks the new owner and sends them a briefing. " +
    "The escalation is recorded with this policy as the decider.",
    DisplayName = "Escalate to tier")]
[FlowNode("Escalated", "NotAllowed")]
public sealed class EscalateToTier : Activity
{
    [Input(Description = "The tier or specialist group that receives the case.", UIHint = UIHints.DropDown, OptionsProvider = typeof(TierOptions))]
    public Input<string>? Tier { get; set; }

    [Input(Description = "Why the case moves; shown on the timeline and in the briefing. Empty = the trigger's reason.", UIHint = UIHints.SingleLine)]
    public Input<string>? Reason { get; set; }

    [Input(Description = "How to pick the owner inside the tier.", DefaultValue = Routing.OwnerPick.LeastLoaded, UIHint = UIHints.DropDown)]
    public Input<OwnerPick>? OwnerPick { get; set; }

    [Input(Description = "Skill the owner needs when picking by skills, e.g. billing.", UIHint = UIHints.DropDown, OptionsProvider = typeof(SkillOptions))]
    public Input<string>? Skill { get; set; }

    [Input(Description = "Briefing template sent to the new owner as an internal note; empty = no briefing.",
        DefaultValue = "agent/escalation-briefing",
        UIHint = UIHints.DropDown, OptionsProvider = typeof(OptionalAgentTemplateOptions))]
    public Input<string>? BriefingTemplate { get; set; }

    [Output(Description = "The agent who received the case, or empty when it waits in the tier's queue.")]
    public Output<string>? Owner { get; set; }

    protected override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var tier = context.Get(Tier) ?? string.Empty;
        var reason = PolicyReasons.Of(context, context.Get(Reason));
        var org = context.Org();
        string? owner;
        try
        {
            await using var picked = await context.GetRequiredService<OwnerPicker>().PickAsync(org, tier, context.Get(OwnerPick), context.Get(Skill), null);
            owner = picked.AgentId;
            await context.ChangeTicketAsync(desk => desk.EscalateAsync(context.TicketId(), tier, owner, reason, context.Policy(), context.Decision()));
        }
        catch (TicketRuleViolationException refused)
        {
            // Never silent: the refusal is on the timeline whether or not the manager connected NotAllowed, and says so when nothing follows.
            var endsHere = context.IsOutcomeConnected("NotAllowed") ? string.Empty : " (NotAllowed leads nowhere, so the policy ends here)";
            await PolicyReasons.RecordRefusalAsync(context, "escalation-refused", $"could not escalate to {tier}: {refused.Message}{endsHere}", "NotAllowed");
            context.Complete("NotAllowed");
            return;
        }

        context.Set(Owner, owner ?? string.Empty);
        await Communication.SendBriefing.SendAsync(context, context.Get(BriefingTemplate), reason);
        context.Complete("Escalated");
    }
}
