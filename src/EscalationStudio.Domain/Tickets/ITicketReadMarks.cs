using EscalationStudio.Domain.Actors;

namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// How far each person has read each ticket: the sequence of the last event the desk's ticket page showed them. The
/// inbox's unread mark is "an event by someone else after this", so it holds exactly until the person opens the case.
/// </summary>
public interface ITicketReadMarks
{
    /// <summary>Records that <paramref name="reader"/> has seen <paramref name="ticketId"/> through <paramref name="sequence"/>; a mark never moves back.</summary>
    Task MarkReadAsync(Actor reader, Guid ticketId, int sequence, CancellationToken cancellationToken = default);

    /// <summary>The read marks of <paramref name="reader"/> on those of <paramref name="ticketIds"/> they have opened.</summary>
    Task<IReadOnlyDictionary<Guid, int>> ReadThroughAsync(Actor reader, IReadOnlyCollection<Guid> ticketIds, CancellationToken cancellationToken = default);
}
