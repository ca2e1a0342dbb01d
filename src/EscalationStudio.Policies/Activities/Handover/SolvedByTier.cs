using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Handover;

/// <summary>The tier the case went to solved it: the usual end of an escalation.</summary>
[Activity("Escalation", "Escalation", "Waits until the ticket is set to solved while a given tier owns it (empty = whichever tier owns it).", DisplayName = "Solved by tier")]
internal sealed class SolvedByTier : TicketTrigger<SolvedByTierRule>
{
    protected override TicketEventFilter? ResumesOn =>
        TicketEventFilter.When(TicketEventType.StatusChanged, TicketEventData.To, TicketStatus.Solved.ToText());

    [Input(Description = "The tier that must hold the ticket when it is solved; empty = any tier.", UIHint = UIHints.DropDown, OptionsProvider = typeof(OptionalTierOptions))]
    public Input<string>? Tier { get; set; }

    public override SolvedByTierRule CreateRule(IActivityInputs inputs) => new(inputs.Get(Tier)?.Trim() ?? string.Empty);
}

internal sealed record SolvedByTierRule(string Tier) : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        context.Event.Type == TicketEventType.StatusChanged
        && context.Event[TicketEventData.To] == TicketStatus.Solved.ToText()
        && (Tier.Length == 0 || string.Equals(context.Ticket.TierId, Tier, StringComparison.Ordinal))
            ? TriggerVerdict.Yes($"{context.Event.Actor} solved the ticket in {context.Ticket.TierId}")
            : TriggerVerdict.No;
}
