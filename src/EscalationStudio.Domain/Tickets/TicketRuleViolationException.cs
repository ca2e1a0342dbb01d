namespace EscalationStudio.Domain.Tickets;

/// <summary>A change the ticket's lifecycle does not allow (closed ticket reopened, escalation to a lower tier...).</summary>
/// <param name="Field">The request field the rule is about, when there is one (for problem responses).</param>
public sealed class TicketRuleViolationException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>The actor's authority level does not cover the change; <see cref="Exception.Message"/> says why.</summary>
public sealed class AuthorityDeniedException(string reason) : Exception(reason);

public sealed class TicketNotFoundException(Guid ticketId) : Exception($"Ticket {ticketId} does not exist")
{
    public Guid TicketId { get; } = ticketId;
}
