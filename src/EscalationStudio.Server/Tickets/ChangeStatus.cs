using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using EscalationStudio.Server.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal sealed record ChangeStatusRequest(
    [property: Description("new, open, pending, on-hold, solved or closed (required)")] string? Status = null,
    string? Note = null);

internal sealed class ChangeStatusRequestValidator : AbstractValidator<ChangeStatusRequest>
{
    public ChangeStatusRequestValidator()
    {
        RuleFor(r => r.Status).NotEmpty().IsEnumText<ChangeStatusRequest, TicketStatus>();
        RuleFor(r => r.Note).MaximumLength(TicketLimits.ReasonLength);
    }
}

internal static class ChangeStatus
{
    public static Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, ChangeStatusRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TicketAnswers.ChangeAsync(() => desk.ChangeStatusAsync(id, request.Status.ParseOr(TicketStatus.Open), user.ToActor(), request.Note, cancellationToken));
}
