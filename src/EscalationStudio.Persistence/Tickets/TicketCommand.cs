using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Domain.Tickets.Changes;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// One desk call waiting for the <see cref="TicketWriter"/>: what to do to which ticket, and the caller's answer.
/// Continuations run asynchronously, so a caller's code never runs on the writer's loop.
/// </summary>
internal abstract class TicketCommand(CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<Ticket> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CancellationToken CancellationToken => cancellationToken;

    public Task<Ticket> Answer => _answer.Task;

    public bool IsAnswered => _answer.Task.IsCompleted;

    /// <summary>The existing ticket the command changes, or null when it opens a new one.</summary>
    public abstract Guid? TicketId { get; }

    /// <summary>The name that makes a repeat of this change recognisable (<see cref="DeskCallKeys"/>); null for none.</summary>
    public virtual string? Key => null;

    /// <summary>Applies the change to the batch's tickets; throws what the change throws and changes nothing else then.</summary>
    public abstract Ticket Apply(TicketBatch batch, OrgDirectory directory, DateTimeOffset now);

    public void Succeed(Ticket ticket) => _answer.TrySetResult(ticket);

    public void Fail(Exception exception) => _answer.TrySetException(exception);

    public void Cancel() => _answer.TrySetCanceled(cancellationToken);
}

/// <summary>A change to an existing ticket.</summary>
internal sealed class ChangeTicket(Guid ticketId, TicketChange change, string? key, CancellationToken cancellationToken)
    : TicketCommand(cancellationToken)
{
    public override Guid? TicketId => ticketId;

    public override string? Key => key;

    public override Ticket Apply(TicketBatch batch, OrgDirectory directory, DateTimeOffset now)
    {
        var ticket = batch.Ticket(ticketId);
        change.ApplyTo(ticket, directory, now);
        return ticket;
    }
}

/// <summary>A new ticket; its requester is found by e-mail or created with it.</summary>
internal sealed class CreateTicket(OpenTicket open, CancellationToken cancellationToken) : TicketCommand(cancellationToken)
{
    public override Guid? TicketId => null;

    public string RequesterEmail => open.RequesterEmail;

    public override Ticket Apply(TicketBatch batch, OrgDirectory directory, DateTimeOffset now)
    {
        var requester = batch.Customer(RequesterEmail);
        var ticket = open.Open(requester ?? open.NewRequester(now), directory, now);

        // Only a ticket that was made brings its new customer along: a refused ticket leaves no customer behind.
        batch.Add(ticket, requester is null ? ticket.Requester : null);
        return ticket;
    }
}
