using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;

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

    /// <summary>Applies the domain verb to the batch's tickets; throws what the verb throws and changes nothing else then.</summary>
    public abstract Ticket Apply(TicketBatch batch, OrgDirectory directory, DateTimeOffset now);

    public void Succeed(Ticket ticket) => _answer.TrySetResult(ticket);

    public void Fail(Exception exception) => _answer.TrySetException(exception);

    public void Cancel() => _answer.TrySetCanceled(cancellationToken);
}

/// <summary>A domain verb on an existing ticket.</summary>
internal sealed class ChangeTicket(Guid ticketId, Action<Ticket, OrgDirectory, DateTimeOffset> change, string? key, CancellationToken cancellationToken)
    : TicketCommand(cancellationToken)
{
    public override Guid? TicketId => ticketId;

    public override string? Key => key;

    public override Ticket Apply(TicketBatch batch, OrgDirectory directory, DateTimeOffset now)
    {
        var ticket = batch.Ticket(ticketId);
        change(ticket, directory, now);
        return ticket;
    }
}

/// <summary>A new ticket; its requester is found by e-mail or created with it.</summary>
internal sealed class CreateTicket(NewTicket request, Actor by, CancellationToken cancellationToken) : TicketCommand(cancellationToken)
{
    public override Guid? TicketId => null;

    public string RequesterEmail { get; } = Customer.NormaliseEmail(request.Requester.Email);

    public override Ticket Apply(TicketBatch batch, OrgDirectory directory, DateTimeOffset now)
    {
        var tier = request.TierId is null
            ? directory.EntryTier ?? throw new TicketRuleViolationException("the org directory has no tiers, so a ticket has nowhere to land", "tier")
            : directory.FindTier(request.TierId) ?? throw new TicketRuleViolationException($"unknown tier '{request.TierId}'", "tier");
        Agent? owner = null;
        if (request.OwnerAgentId is not null)
        {
            owner = directory.FindAgent(request.OwnerAgentId) ?? throw new TicketRuleViolationException($"unknown agent '{request.OwnerAgentId}'", "owner");
        }

        var requester = batch.Customer(RequesterEmail);
        var isNewCustomer = requester is null;
        if (requester is null)
        {
            var r = request.Requester;
            requester = new Customer(Guid.CreateVersion7(now), r.Name.Trim(), RequesterEmail, r.Organisation, r.LifetimeValue, r.IsVip);
        }

        var ticket = Ticket.Create(
            Guid.CreateVersion7(now), request.Subject, request.Description, requester, request.Channel, request.Priority, tier, owner, request.Tags ?? [], by, now);

        // Only a ticket that was made brings its new customer along: a refused ticket leaves no customer behind.
        batch.Add(ticket, isNewCustomer ? requester : null);
        return ticket;
    }
}
