using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

/// <summary>
/// What a ticket route answers: the ticket, or the domain's refusal as the problem it is. An unknown ticket is 404,
/// a change beyond the caller's authority 403 with the reason, a lifecycle rule 409, and a rule about one field 400
/// naming it. Nothing is written when the desk refuses.
/// </summary>
internal static class TicketAnswers
{
    public static async Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> ChangeAsync(Func<Task<Ticket>> change)
    {
        try
        {
            return new TicketChanged(await change());
        }
        catch (TicketNotFoundException e)
        {
            return NotFound(e);
        }
        catch (AuthorityDeniedException e)
        {
            return BeyondAuthority(e.Message);
        }
        catch (TicketRuleViolationException e) when (e.Field is { } field)
        {
            return new InvalidFieldProblem(field, e.Message);
        }
        catch (TicketRuleViolationException e)
        {
            return NotAllowed(e);
        }
    }

    public static NotFoundProblem NotFound(TicketNotFoundException e) => new("Ticket not found", e.Message);

    public static NotFoundProblem NotFound(Guid ticketId) => NotFound(new TicketNotFoundException(ticketId));

    public static ForbiddenProblem BeyondAuthority(string reason) => new("Beyond your authority level", reason);

    public static ConflictProblem NotAllowed(TicketRuleViolationException e) => new("Not allowed in the ticket's current state", e.Message);
}
