using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Domain.Tickets.Changes;

namespace EscalationStudio.Policies.Replay;

/// <summary>
/// The customer's and agents' actions of a history as the domain's own ticket changes, so the replay's desk applies
/// them with the same rules as the live one. What policies and the system did is not an action to replay.
/// </summary>
internal static class HistoryActions
{
    /// <summary>The change to apply, or null with why the entry is not replayed.</summary>
    public static (TicketChange? Change, string? Skipped) ToChange(HistoryEvent e, Ticket ticket)
    {
        if (e.IsPoliciesOwn)
        {
            return (null, "policies' own moves (recomputed)");
        }

        // A customer in the history is the replay's requester of the ticket (the replay opened its own customer).
        var by = e.Actor.Kind == ActorKind.Customer ? Actor.Customer(ticket.Requester.Id) : e.Actor;
        return e.Type switch
        {
            TicketEventType.MessageAdded => (new AddMessage(Parse(e[TicketEventData.MessageKind], MessageKind.Customer), e[TicketEventData.Body] ?? string.Empty, by), null),
            TicketEventType.StatusChanged when Parse<TicketStatus>(e[TicketEventData.To]) is { } status => (new ChangeStatus(status, by, e[TicketEventData.Note]), null),
            TicketEventType.Reassigned when Text(e[TicketEventData.ToOwner]) is { } agent => (new ReassignWithinTier(agent, by, e[TicketEventData.Note]), null),
            TicketEventType.EscalationRequested => (new RequestEscalation(Text(e[TicketEventData.Reason]) ?? "escalation requested", by), null),
            TicketEventType.Escalated when Text(e[TicketEventData.To]) is { } tier =>
                (new EscalateToTier(tier, Text(e[TicketEventData.ToOwner]), Text(e[TicketEventData.Reason]) ?? "escalated by hand", by), null),
            TicketEventType.DeEscalated when Text(e[TicketEventData.To]) is { } tier =>
                (new DeEscalate(tier, Text(e[TicketEventData.ToOwner]), Text(e[TicketEventData.Note]) ?? Text(e[TicketEventData.Reason]) ?? "handed back", by), null),
            TicketEventType.PriorityChanged when Parse<TicketPriority>(e[TicketEventData.To] ?? e[TicketEventData.Priority]) is { } priority =>
                (new SetPriority(priority, by, e[TicketEventData.Reason]), null),
            TicketEventType.TagAdded when Text(e[TicketEventData.Tag]) is { } tag => (new AddTag(tag, by), null),
            TicketEventType.CsatRecorded when int.TryParse(e[TicketEventData.Score], CultureInfo.InvariantCulture, out var score) =>
                (new RecordCsat(score, e[TicketEventData.Comment], by), null),
            TicketEventType.SignOffRequired => (new RequireSignOff(Text(e[TicketEventData.Reason]) ?? "sign-off required", by), null),
            TicketEventType.SignedOff => (new SignOff(by, e[TicketEventData.Note]), null),
            TicketEventType.ApprovalGranted when Parse<ApprovalKind>(e[TicketEventData.ApprovalKind]) is { } kind =>
                (new Approve(kind, decimal.TryParse(e[TicketEventData.Amount], CultureInfo.InvariantCulture, out var amount) ? amount : null, by, e[TicketEventData.Note]), null),
            TicketEventType.TimelineEntry => (null, "timeline entries (written by policies)"),
            _ => (null, $"{e.Type.ToText()} without the data it needs"),
        };
    }

    /// <summary>The new ticket a history's Created event describes.</summary>
    public static NewTicket ToNewTicket(HistoryEvent e)
    {
        var customer = Text(e[HistoryEvent.CustomerEmail])
            ?? $"customer-{Safe(Text(e[TicketEventData.Customer]) ?? e.TicketKey)}@history.invalid";
        var requester = new NewTicketRequester(
            Text(e[HistoryEvent.CustomerName]) ?? customer.Split('@')[0],
            customer,
            Text(e[HistoryEvent.Organisation]),
            decimal.TryParse(e[HistoryEvent.LifetimeValue], CultureInfo.InvariantCulture, out var value) ? value : 0,
            string.Equals(e[TicketEventData.Vip], "true", StringComparison.OrdinalIgnoreCase));
        var tags = Text(e[TicketEventData.Tags])?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new NewTicket(
            Text(e[TicketEventData.Subject]) ?? "(no subject)",
            e[HistoryEvent.Description] ?? string.Empty,
            requester,
            Parse(e[TicketEventData.Channel], TicketChannel.Email),
            Parse(e[TicketEventData.Priority], TicketPriority.Normal),
            tags,
            Text(e[TicketEventData.Tier]),
            Text(e[TicketEventData.Owner]));
    }

    private static string Safe(string key) =>
        new([.. key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? char.ToLowerInvariant(c) : '-')]);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T Parse<T>(string? text, T fallback) where T : struct, Enum => TicketText.TryParse<T>(text, out var value) ? value : fallback;

    private static T? Parse<T>(string? text) where T : struct, Enum => TicketText.TryParse<T>(text, out var value) ? value : null;
}
