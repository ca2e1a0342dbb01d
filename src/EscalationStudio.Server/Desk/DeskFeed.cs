using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.HealthFigures;

namespace EscalationStudio.Server.Desk;

/// <summary>
/// Tells the open desk pages of this node that tickets changed: right after this node's desk commits (it hears every
/// commit as an <see cref="ITicketEventObserver"/>), and, on PostgreSQL, when the reader of other nodes' commits finds
/// theirs (<see cref="IOtherNodesEventObserver"/>, within <c>Escalation:Health:OtherNodesInterval</c>).
/// </summary>
internal sealed class DeskFeed(ILogger<DeskFeed> logger) : ITicketEventObserver, IOtherNodesEventObserver
{
    private readonly Lock _gate = new();
    private ImmutableSubscribers _subscribers = new([]);

    /// <summary>Calls <paramref name="onChange"/> with each committed ticket's id and events; dispose to stop.</summary>
    public IDisposable Subscribe(Func<Guid, IReadOnlyList<TicketEvent>, Task> onChange)
    {
        var subscriber = new Subscriber(this, onChange);
        lock (_gate)
        {
            _subscribers = new([.. _subscribers.All, subscriber]);
        }

        return subscriber;
    }

    public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        Publish(ticket.Id, events);
        return ValueTask.CompletedTask;
    }

    public void OnOtherNodesCommitted(Guid ticketId, IReadOnlyList<TicketEvent> events) => Publish(ticketId, events);

    private void Publish(Guid ticketId, IReadOnlyList<TicketEvent> events)
    {
        // Observers run on the node's one ticket writer: each page's refresh (a query, a render) goes elsewhere.
        foreach (var subscriber in _subscribers.All)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await subscriber.OnChange(ticketId, events);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogDebug(e, "A desk page could not refresh after ticket {TicketId} changed", ticketId);
                }
            }, CancellationToken.None);
        }
    }

    private void Remove(Subscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers = new([.. _subscribers.All.Where(s => !ReferenceEquals(s, subscriber))]);
        }
    }

    private sealed record ImmutableSubscribers(Subscriber[] All);

    private sealed class Subscriber(DeskFeed feed, Func<Guid, IReadOnlyList<TicketEvent>, Task> onChange) : IDisposable
    {
        public Func<Guid, IReadOnlyList<TicketEvent>, Task> OnChange => onChange;

        public void Dispose() => feed.Remove(this);
    }
}
