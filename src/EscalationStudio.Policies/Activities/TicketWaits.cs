using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities;

/// <summary>Waiting on a ticket with a deadline: watch its events, and arm a timer that the timer service fires.</summary>
internal static class TicketWaits
{
    public const string TimeoutStimulus = "Escalation.Timeout";

    public static void WaitWithTimeout(ActivityExecutionContext context, TimeSpan? timeout)
    {
        context.WatchTicket();
        if (timeout is { } after)
        {
            var due = context.TimeProvider.GetUtcNow() + after;
            context.CreateBookmark(new BookmarkOptions(TimeoutStimulus, new TimeoutPayload(context.TicketId().ToString(), context.Activity.Id, due))
            {
                DueAt = due,
                IncludeActivityInstanceId = true,
            });
        }
    }

    public static bool IsTimeout(ActivityExecutionContext context) => context.ResumedBookmark?.Name == TimeoutStimulus;

    /// <summary>The ticket event that resumed the activity, if a ticket event did.</summary>
    public static TicketEvent? ResumingEvent(ActivityExecutionContext context) =>
        context.ResumeInput is IReadOnlyDictionary<string, object?> input ? input.GetValueOrDefault(TicketTrigger.EventInputKey) as TicketEvent : null;

    public static bool Is<TEnum>(string? text, TEnum value)
        where TEnum : struct, Enum =>
        TicketText.TryParse<TEnum>(text, out var parsed) && parsed.Equals(value);
}

public sealed record TimeoutPayload(string TicketId, string ActivityId, DateTimeOffset DueAt);
