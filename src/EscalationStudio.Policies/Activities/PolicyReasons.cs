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

    public static Task RecordRefusalAsync(ActivityExecutionContext context, string kind, string text) =>
        context.WithDeskAsync(desk => desk.AddTimelineEntryAsync(context.TicketId(), kind, text, context.Policy(),
            new Dictionary<string, string> { [TicketEventData.Policy] = context.DefinitionId }));
}
