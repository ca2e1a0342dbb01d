using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Handover;

/// <summary>The team says it is done in an internal note; customers never see the marker.</summary>
[Activity("Escalation", "Escalation", "Waits for an internal note that carries the done marker (e.g. #done), written by whoever works the case.", DisplayName = "Internal note marked done")]
internal sealed class NoteMarkedDone : TicketTrigger<NoteMarkedDoneRule>
{
    protected override TicketEventFilter? ResumesOn =>
        TicketEventFilter.When(TicketEventType.MessageAdded, TicketEventData.MessageKind, MessageKind.InternalNote.ToText());

    [Input(Description = "The word in an internal note that says the work is done (not case-sensitive).", DefaultValue = "#done", UIHint = UIHints.SingleLine)]
    public Input<string>? Marker { get; set; }

    public override NoteMarkedDoneRule CreateRule(IActivityInputs inputs) =>
        new(inputs.Get(Marker) is { Length: > 0 } marker ? marker.Trim() : "#done");
}

internal sealed record NoteMarkedDoneRule(string Marker) : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context) =>
        context.Event.Type == TicketEventType.MessageAdded
        && context.Event[TicketEventData.MessageKind] == MessageKind.InternalNote.ToText()
        && (context.Event[TicketEventData.Body] ?? string.Empty).Contains(Marker, StringComparison.OrdinalIgnoreCase)
            ? TriggerVerdict.Yes($"{context.Event.Actor} marked the work done in an internal note")
            : TriggerVerdict.No;
}
