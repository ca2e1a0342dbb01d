using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Sla;
using EscalationStudio.Policies.Activities.Triggers;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Policies.Activities;

/// <summary>Waiting on a ticket with a deadline: watch its events, and arm a timer that the timer service fires.</summary>
internal static class TicketWaits
{
    public const string TimeoutStimulus = "Escalation.Timeout";

    /// <summary>
    /// When a wait of <paramref name="timeout"/> business time started now ends: counted in the named calendar, else in
    /// the calendar of the tier owning the ticket (read from the desk unless <paramref name="ticket"/> is given), as SLA
    /// timers count, so "2h" asked on Friday at 16:00 of a 9–17 week ends Monday at 10:00.
    /// </summary>
    public static async Task<DateTimeOffset> DeadlineAsync(ActivityExecutionContext context, TimeSpan timeout, string? calendarId, Ticket? ticket = null)
    {
        var tierId = string.IsNullOrWhiteSpace(calendarId) ? (ticket ?? await context.TicketAsync()).TierId : string.Empty;
        var clock = SlaCalendars.ClockFor(context.Org(), calendarId, tierId);
        return clock.Add(context.TimeProvider.GetUtcNow(), timeout);
    }

    /// <summary>Watches the ticket for the events <paramref name="resumesOn"/> admits and, with a deadline, arms its timer.</summary>
    public static void WaitUntil(ActivityExecutionContext context, DateTimeOffset? deadline, TicketEventFilter? resumesOn)
    {
        context.WatchTicket(resumesOn);
        if (deadline is { } due)
        {
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

internal sealed record TimeoutPayload(string TicketId, string ActivityId, DateTimeOffset DueAt);
