using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Signals;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Policies.Activities.Triggers;

[Activity("Escalation", "Escalation", "Fires when the customer asks for a manager, a supervisor, someone in charge or a human.", DisplayName = "Manager requested")]
internal sealed class ManagerRequested : TicketTrigger<ManagerRequestRule>
{
    protected override TicketEventFilter? ResumesOn => CustomerWords;

    public override ManagerRequestRule CreateRule(IActivityInputs inputs) => new();
}

internal sealed record ManagerRequestRule : ITicketTriggerRule
{
    public TriggerVerdict Evaluate(TicketEventContext context)
    {
        if (TicketTexts.CustomerWords(context) is not { } words)
        {
            return TriggerVerdict.No;
        }

        // A new ticket's subject is the customer's words too: "Let me speak to a manager" is often all it says.
        var request = ManagerRequestDetector.Detect(words.Subject is { Length: > 0 } subject ? $"{subject}\n{words.Body}" : words.Body);
        return request.Requested ? TriggerVerdict.Yes($"the customer asked: \"{request.Phrase}\"", [request.Phrase!]) : TriggerVerdict.No;
    }
}
