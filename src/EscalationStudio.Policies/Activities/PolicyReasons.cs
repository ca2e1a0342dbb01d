using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities;

/// <summary>The words a policy leaves on the timeline.</summary>
internal static class PolicyReasons
{
    /// <summary>The reason typed into the activity, else why the trigger fired, else the policy's name.</summary>
    public static string Of(ActivityExecutionContext context, string? given) =>
        !string.IsNullOrWhiteSpace(given) ? given.Trim()
        : context.WorkflowInput.GetValueOrDefault(TicketStimuli.ReasonInput)?.ToString() is { Length: > 0 } triggered ? triggered
        : $"policy {context.DefinitionId}";

    /// <summary>
    /// Records a refused move on the ticket's timeline. When the outcome taken on refusal (<paramref name="port"/>) leads
    /// nowhere, nobody would otherwise hear of it: the managers of the ticket's tier are alerted too (a manager-alert
    /// entry, which the delivery outbox sends), saying which policy was refused and why.
    /// </summary>
    public static async Task RecordRefusalAsync(ActivityExecutionContext context, string kind, string text, string port)
    {
        var data = new Dictionary<string, string> { [TicketEventData.Policy] = context.DefinitionId };
        await context.WithDeskAsync(desk => desk.AddTimelineEntryAsync(context.TicketId(), kind, text, context.Policy(), data));
        if (!context.IsOutcomeConnected(port))
        {
            var alert = $"Policy {context.DefinitionId} {text}. Nothing follows its {port} outcome, so the ticket stays where it is: check the policies that moved it first, or set their precedence.";
            await context.WithDeskAsync(desk => desk.AddTimelineEntryAsync(context.TicketId(), DeliveryPlan.ManagerAlertKind, alert, context.Policy(),
                new Dictionary<string, string>(data) { [TicketEventData.RefusedMove] = kind }));
        }
    }
}
