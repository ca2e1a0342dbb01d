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
/// a ticket into the current one, and when that is full (in tickets, or in messages, since a conversation can be
/// long) the older one is dropped whole. Memory so stays under two generations' worth without a recency list.
/// </para>
/// <para>
/// A ticket kept here can be stale only if another node changed it (PostgreSQL). The update's version check then fails,
/// the writer forgets the batch's tickets and retries from the database.
/// </para>
/// </remarks>
internal sealed class CommittedTickets(int ticketsPerGeneration, int messagesPerGeneration)
{
    private Dictionary<Guid, Ticket> _current = [];
    private Dictionary<Guid, Ticket> _older = [];
    private int _currentMessages;

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
        if (_current.Remove(ticket.Id, out var replaced))
        {
            _currentMessages -= replaced.Messages.Count;
        }
        else
        {
            _older.Remove(ticket.Id);
        }

        if (_current.Count >= ticketsPerGeneration || _currentMessages + ticket.Messages.Count > messagesPerGeneration)
        {
            _older = _current;
            _current = [];
            _currentMessages = 0;
        }

        _current.Add(ticket.Id, ticket);
        _currentMessages += ticket.Messages.Count;
    }

    public void Forget(Guid ticketId)
    {
        if (_current.Remove(ticketId, out var forgotten))
        {
            _currentMessages -= forgotten.Messages.Count;
        }

        _older.Remove(ticketId);
    }
}
