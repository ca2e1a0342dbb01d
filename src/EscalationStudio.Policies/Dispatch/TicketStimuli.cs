using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>Names and payloads of the stimuli ticket events become.</summary>
internal static class TicketStimuli
{
    /// <summary>Every committed event of a ticket: resumes the policy instances waiting on that ticket.</summary>
    public const string TicketChanged = "Escalation.TicketChanged";

    /// <summary>Start input keys a ticket trigger hands to the workflow it starts.</summary>
    public const string TicketIdInput = "ticketId";
    public const string EventTypeInput = "eventType";
    public const string ReasonInput = "reason";
    public const string DetailsInput = "details";

    /// <summary>When the event that fired the trigger happened: where the policy's reaction time is measured from.</summary>
    public const string TriggeredAtInput = "triggeredAt";

    /// <summary>The hash of the bookmarks watching a ticket (see <see cref="Activities.PolicyContext.WatchTicket"/>).</summary>
    public static string WatchHash(Guid ticketId) =>
        Workflows.Bookmarks.StimulusHasher.Hash(TicketChanged, new TicketChangedPayload(ticketId.ToString()));
}

/// <summary>Identifies the ticket a waiting instance watches; a <see cref="TicketStimuli.TicketChanged"/> stimulus with it resumes the instance.</summary>
internal sealed record TicketChangedPayload(string TicketId);

/// <summary>What a trigger rule looks at: the event that just happened and the ticket as it is now.</summary>
public sealed record TicketEventContext(TicketEvent Event, Ticket Ticket);

/// <summary>Whether a trigger fires for an event and, if so, why in words and with what details (matched keywords, score...).</summary>
public readonly record struct TriggerVerdict(bool Fires, string? Reason, IReadOnlyList<string>? Details = null)
{
    public static readonly TriggerVerdict No = new(false, null);

    public static TriggerVerdict Yes(string reason, IReadOnlyList<string>? details = null) => new(true, reason, details);
}

/// <summary>
/// The indexed payload of a ticket trigger. It carries the trigger's settings (keywords, thresholds), so the dispatcher
/// decides whether an event fires the trigger without starting an instance for every event.
/// </summary>
public interface ITicketTriggerRule
{
    TriggerVerdict Evaluate(TicketEventContext context);
}
