using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

/// <summary>Lateral reassignment: another agent of the ticket's current tier.</summary>
internal sealed record AssignTicketRequest(
    [property: Description("An agent of the ticket's current tier (required)")] string? AgentId = null,
    string? Note = null);

internal sealed class AssignTicketRequestValidator : AbstractValidator<AssignTicketRequest>
{
    public AssignTicketRequestValidator()
    {
        RuleFor(r => r.AgentId).NotEmpty().MaximumLength(TicketLimits.IdLength);
        RuleFor(r => r.Note).MaximumLength(TicketLimits.ReasonLength);
    }
}

internal static class AssignTicket
{
    public static Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, AssignTicketRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TicketAnswers.ChangeAsync(() => desk.ReassignAsync(id, request.AgentId!, user.ToActor(), request.Note, cancellationToken));
}
