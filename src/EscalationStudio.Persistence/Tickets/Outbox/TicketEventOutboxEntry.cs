namespace EscalationStudio.Persistence.Tickets.Outbox;

/// <summary>
/// A ticket whose events from <see cref="FromSequence"/> through <see cref="ThroughSequence"/> policies have not heard
/// yet. The ticket writer adds or extends the row in the commit that adds the events; the dispatcher deletes it (or
/// moves <see cref="FromSequence"/> on) once it has dispatched them.
/// </summary>
internal sealed class TicketEventOutboxEntry
{
    public Guid TicketId { get; set; }

    public int FromSequence { get; set; }

    public int ThroughSequence { get; set; }

    /// <summary>When the oldest pending event was recorded: a row that stays old was left by a node that stopped.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}
