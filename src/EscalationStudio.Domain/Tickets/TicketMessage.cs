using EscalationStudio.Domain.Actors;

namespace EscalationStudio.Domain.Tickets;

/// <summary>One entry of the conversation. Messages are never edited: corrections are new messages.</summary>
public sealed class TicketMessage
{
    private TicketMessage()
    {
        Body = string.Empty;
    }

    internal TicketMessage(Guid id, Guid ticketId, int sequence, MessageKind kind, Actor author, string body, DateTimeOffset at)
    {
        Id = id;
        TicketId = ticketId;
        Sequence = sequence;
        Kind = kind;
        Author = author;
        Body = body;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid TicketId { get; private set; }

    /// <summary>The sequence of the event that added it: the conversation's order, even within one clock tick.</summary>
    public int Sequence { get; private set; }

    public MessageKind Kind { get; private set; }

    public Actor Author { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset At { get; private set; }

    public bool IsPublic => Kind != MessageKind.InternalNote;
}
