using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using EscalationStudio.Server.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal sealed record SetPriorityRequest(
    [property: Description("low, normal, high or urgent (required)")] string? Priority = null,
    string? Reason = null);

internal sealed class SetPriorityRequestValidator : AbstractValidator<SetPriorityRequest>
{
    public SetPriorityRequestValidator()
    {
        RuleFor(r => r.Priority).NotEmpty().IsEnumText<SetPriorityRequest, TicketPriority>();
        RuleFor(r => r.Reason).MaximumLength(TicketLimits.ReasonLength);
    }
}

internal static class SetPriority
{
    public static Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, SetPriorityRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TicketAnswers.ChangeAsync(() => desk.SetPriorityAsync(id, request.Priority.ParseOr(TicketPriority.Normal), user.ToActor(), request.Reason, cancellationToken));
}
