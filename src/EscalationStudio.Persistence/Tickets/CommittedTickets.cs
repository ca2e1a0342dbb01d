using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The tickets this node's writer committed most recently, as committed: the next change to one of them starts from a
/// copy of it instead of loading the ticket and its whole conversation again (in the runtime benchmark's profile the
/// loads were 44% of the writer's time, and the writer is the one serial path of every ticket change).
/// </summary>
/// <remarks>
/// <para>
/// Only the writer touches it, from its single loop, so it needs no lock. It keeps two generations: lookups promote
/// a ticket into the current one, and when that is full the older one is dropped whole. That bounds memory at about
/// <c>2 × capacity</c> tickets without keeping a recency list.
/// </para>
/// <para>
/// A ticket kept here can be stale only if another node changed it (PostgreSQL). The update's version check then fails,
/// the writer forgets the batch's tickets and retries from the database.
/// </para>
/// </remarks>
internal sealed class CommittedTickets(int capacity)
{
    private Dictionary<Guid, Ticket> _current = [];
    private Dictionary<Guid, Ticket> _older = [];

    public bool TryGet(Guid ticketId, out Ticket ticket)
    {
        if (_current.TryGetValue(ticketId, out ticket!))
        {
            return true;
        }

        if (_older.Remove(ticketId, out ticket!))
        {
            Keep(ticket);
            return true;
        }

        return false;
    }

    public void Keep(Ticket ticket)
    {
        if (_current.Count >= capacity && !_current.ContainsKey(ticket.Id))
        {
            _older = _current;
            _current = [];
        }

        _current[ticket.Id] = ticket;
    }

    public void Forget(Guid ticketId)
    {
        _current.Remove(ticketId);
        _older.Remove(ticketId);
    }
}
