using System.Globalization;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Domain.Delivery;

/// <summary>
/// Who is sent what when a ticket event commits: a briefing goes to the ticket's tier and its owner, a customer note
/// to the requester, a manager alert to the targets of the tier that manages the ticket's tier. The timeline entry
/// kinds are the ones the policy activities record.
/// </summary>
public static class DeliveryPlan
{
    public const string BriefingSentKind = "briefing-sent";
    public const string CustomerNotificationKind = "customer-notification";
    public const string ManagerAlertKind = "manager-alert";

    public const string Briefing = "briefing";
    public const string CustomerNote = "customer-note";
    public const string ManagerAlert = "manager-alert";

    /// <param name="channels">The channels the server sends on; a channel that is off plans nothing.</param>
    public static IReadOnlyList<PlannedDelivery> For(Ticket ticket, IReadOnlyList<TicketEvent> events, OrgDirectory directory, IReadOnlySet<DeliveryChannel> channels)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(directory);
        var planned = new List<PlannedDelivery>();
        foreach (var e in events)
        {
            if (e.Type != TicketEventType.TimelineEntry)
            {
                continue;
            }

            if (Sends(ticket, e, directory) is not var (purpose, subject, body, targets))
            {
                continue;
            }

            var index = 0;
            foreach (var (channel, target) in targets.Distinct().Where(t => channels.Contains(t.Item1)))
            {
                planned.Add(new PlannedDelivery(KeyOf(ticket.Id, e.Sequence, index++), ticket.Id, e.Sequence, purpose, channel, target, subject, body));
            }
        }

        return planned;
    }

    private static (string Purpose, string Subject, string Body, List<(DeliveryChannel, string)> Targets)? Sends(Ticket ticket, TicketEvent e, OrgDirectory directory) =>
        e[TicketEventData.Kind] switch
        {
            BriefingSentKind when Note(ticket, e) is { } note =>
                (Briefing, $"Briefing: {ticket.Subject}", note, BriefingTargets(ticket, directory)),
            CustomerNotificationKind =>
                (CustomerNote, $"Re: {ticket.Subject}", e[TicketEventData.Text] ?? string.Empty, [(DeliveryChannel.Email, ticket.Requester.Email)]),
            ManagerAlertKind =>
                (ManagerAlert,
                    e[TicketEventData.RefusedMove] is null ? $"SLA alert: {ticket.Subject}" : $"Policy alert: {ticket.Subject}",
                    e[TicketEventData.Text] ?? string.Empty,
                    Targets(ManagersOf(ticket.TierId, directory)?.Delivery)),
            _ => null,
        };

    /// <summary>The idempotency key: the ticket, the event and the recipient's place in the plan, stable for good.</summary>
    public static string KeyOf(Guid ticketId, int sequence, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"esc-{ticketId:N}-{sequence}-{index}");

    /// <summary>
    /// The tier whose targets get a tier's manager alerts: the one its <c>managedBy</c> names, else the highest ladder
    /// level (the managers), unless that is the tier itself.
    /// </summary>
    public static Tier? ManagersOf(string tierId, OrgDirectory directory)
    {
        var tier = directory.FindTier(tierId);
        if (tier?.ManagedBy is { } named)
        {
            return directory.FindTier(named);
        }

        return directory.Tiers.Where(t => t.Kind == TierKind.Level).MaxBy(t => t.Level);
    }

    // The note the briefing activity added just before, named by the entry so a note added meanwhile is never taken for it.
    private static string? Note(Ticket ticket, TicketEvent e) =>
        e[TicketEventData.MessageId] is { } id ? ticket.Messages.FirstOrDefault(m => m.Id.ToString() == id)?.Body : null;

    private static List<(DeliveryChannel, string)> BriefingTargets(Ticket ticket, OrgDirectory directory)
    {
        var targets = Targets(directory.FindTier(ticket.TierId)?.Delivery);
        if (ticket.OwnerAgentId is { } owner)
        {
            targets.AddRange(Targets(directory.FindAgent(owner)?.Delivery));
        }

        return targets;
    }

    private static List<(DeliveryChannel, string)> Targets(DeliveryTargets? delivery)
    {
        var targets = new List<(DeliveryChannel, string)>();
        if (delivery?.Email is { } email)
        {
            targets.Add((DeliveryChannel.Email, email));
        }

        if (delivery?.ChatWebhook is { } chat)
        {
            targets.Add((DeliveryChannel.Chat, chat));
        }

        return targets;
    }
}
