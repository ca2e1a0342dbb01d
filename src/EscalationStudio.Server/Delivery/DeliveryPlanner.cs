using EscalationStudio.Domain.Delivery;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Delivery;

/// <summary>The domain's <see cref="DeliveryPlan"/> on the channels this server has switched on.</summary>
internal sealed class DeliveryPlanner(IOptions<DeliveryOptions> options) : IDeliveryPlanner
{
    public IReadOnlyList<PlannedDelivery> Plan(Ticket ticket, IReadOnlyList<TicketEvent> events, OrgDirectory directory)
    {
        var settings = options.Value;
        var channels = new HashSet<DeliveryChannel>();
        if (settings.Email.Enabled)
        {
            channels.Add(DeliveryChannel.Email);
        }

        if (settings.Chat.Enabled)
        {
            channels.Add(DeliveryChannel.Chat);
        }

        return channels.Count == 0 ? [] : DeliveryPlan.For(ticket, events, directory, channels);
    }
}

/// <summary>Wakes this node's sender when a commit recorded something that sends, instead of waiting for its next poll.</summary>
internal sealed class DeliveryWakeUp(DeliverySender sender) : ITicketEventObserver
{
    public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        if (events.Any(e => e.Type == TicketEventType.TimelineEntry
            && e[TicketEventData.Kind] is DeliveryPlan.BriefingSentKind or DeliveryPlan.CustomerNotificationKind or DeliveryPlan.ManagerAlertKind))
        {
            sender.Wake();
        }

        return ValueTask.CompletedTask;
    }
}
