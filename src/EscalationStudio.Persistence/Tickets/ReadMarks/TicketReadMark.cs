namespace EscalationStudio.Persistence.Tickets.ReadMarks;

/// <summary>How far one person has read one ticket (<see cref="Domain.Tickets.ITicketReadMarks"/>).</summary>
internal sealed class TicketReadMark
{
    /// <summary>The actor as the timeline names it (<c>agent:katrin.vogel</c>).</summary>
    public string Reader { get; set; } = "";

    public Guid TicketId { get; set; }

    /// <summary>The sequence of the last event the person was shown.</summary>
    public int ReadThrough { get; set; }

    public DateTimeOffset ReadAt { get; set; }
}
