using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// The tickets this node's writer committed most recently, as committed: the next change to one of them starts from a
/// copy of it instead of loading the ticket and its whole conversation again (in the runtime benchmark's profile the
/// loads were 44% of the writer's time, and the writer is the one serial path of every ticket change).
/// </summary>
/// <remarks>
/// <para>
/// The writer changes it from its single loop; readers (<see cref="TicketDesk.FindAsync"/>) only peek, under the same
/// short lock, and get the committed ticket, which nothing changes afterwards (a change starts from a copy). It keeps two generations: lookups promote
/// a ticket into the current one, and when that is full (in tickets, or in bytes) the older one is dropped whole.
/// Memory so stays under two generations' worth without a recency list. Bytes, not messages: one message may be a
/// 64 KB pasted log or a one-line reply, and a count of messages let 3,660 messages of 59 KB hold over 600 MB.
/// </para>
/// <para>
/// A ticket kept here can be stale only if another node changed it (PostgreSQL). The update's version check then fails,
/// the writer forgets the batch's tickets and retries from the database.
/// </para>
/// </remarks>
internal sealed class CommittedTickets(int ticketsPerGeneration, long bytesPerGeneration)
{
    // Rough sizes of the objects around the text, on a 64-bit runtime: enough to make many small tickets count too.
    private const int TicketOverhead = 600;
    private const int MessageOverhead = 160;
    private const int StringOverhead = 24;

    private readonly Lock _gate = new();
    private Dictionary<Guid, (Ticket Ticket, long Bytes)> _current = [];
    private Dictionary<Guid, (Ticket Ticket, long Bytes)> _older = [];
    private long _currentBytes;
    private long _olderBytes;

    /// <summary>The estimated bytes of every ticket kept now, both generations.</summary>
    public long Bytes => _currentBytes + _olderBytes;

    public int Count => _current.Count + _older.Count;

    public bool TryGet(Guid ticketId, out Ticket ticket)
    {
        lock (_gate)
        {
            return TryGetLocked(ticketId, out ticket);
        }
    }

    /// <summary>The ticket as last committed by this node, if kept; unlike <see cref="TryGet"/> it leaves the generations as they are.</summary>
    public Ticket? Peek(Guid ticketId)
    {
        lock (_gate)
        {
            return _current.TryGetValue(ticketId, out var entry) || _older.TryGetValue(ticketId, out entry) ? entry.Ticket : null;
        }
    }

    private bool TryGetLocked(Guid ticketId, out Ticket ticket)
    {
        if (_current.TryGetValue(ticketId, out var entry))
        {
            ticket = entry.Ticket;
            return true;
        }

        if (_older.Remove(ticketId, out entry))
        {
            _olderBytes -= entry.Bytes;
            Add(ticketId, entry);
            ticket = entry.Ticket;
            return true;
        }

        ticket = null!;
        return false;
    }

    public void Keep(Ticket ticket)
    {
        var bytes = EstimateBytes(ticket);
        lock (_gate)
        {
            ForgetLocked(ticket.Id);

            // A conversation bigger than a whole generation would push out everything else for one ticket: it is
            // loaded from the database on its next change instead.
            if (bytes <= bytesPerGeneration)
            {
                Add(ticket.Id, (ticket, bytes));
            }
        }
    }

    public void Forget(Guid ticketId)
    {
        lock (_gate)
        {
            ForgetLocked(ticketId);
        }
    }

    private void ForgetLocked(Guid ticketId)
    {
        if (_current.Remove(ticketId, out var forgotten))
        {
            _currentBytes -= forgotten.Bytes;
        }
        else if (_older.Remove(ticketId, out forgotten))
        {
            _olderBytes -= forgotten.Bytes;
        }
    }

    /// <summary>The ticket's memory, roughly: its text (two bytes a character) and a fixed share per object around it.</summary>
    public static long EstimateBytes(Ticket ticket)
    {
        long bytes = TicketOverhead + Text(ticket.Subject) + Text(ticket.Description) + Text(ticket.TierId) + Text(ticket.OwnerAgentId)
            + Text(ticket.CsatComment) + Text(ticket.EscalationRequestReason) + Text(ticket.SignOffRequiredReason);
        foreach (var tag in ticket.Tags)
        {
            bytes += Text(tag);
        }

        foreach (var message in ticket.Messages)
        {
            bytes += MessageOverhead + Text(message.Body) + Text(message.Author.Id);
        }

        return bytes;
    }

    private void Add(Guid ticketId, (Ticket Ticket, long Bytes) entry)
    {
        if (_current.Count >= ticketsPerGeneration || _currentBytes + entry.Bytes > bytesPerGeneration)
        {
            _older = _current;
            _olderBytes = _currentBytes;
            _current = [];
            _currentBytes = 0;
        }

        _current.Add(ticketId, entry);
        _currentBytes += entry.Bytes;
    }

    private static long Text(string? text) => text is null ? 0 : StringOverhead + 2L * text.Length;
}
