using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

/// <summary>
/// Without a tier, an escalation request (an agent's manual flag): the escalation policies decide where the case goes. With a tier (and
/// optionally an owner), the caller escalates the case there at once.
/// </summary>
internal sealed record EscalationRequest(
    [property: Description("Why the case needs escalating (required)")] string? Reason = null,
    [property: Description("Escalate straight to this tier; without it the request is a flag for the policies")] string? Tier = null,
    [property: Description("An agent of that tier; default: the tier's queue")] string? Owner = null);

internal sealed class EscalationRequestValidator : AbstractValidator<EscalationRequest>
{
    public EscalationRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(TicketLimits.ReasonLength);
        RuleFor(r => r.Tier).MaximumLength(TicketLimits.IdLength);
        RuleFor(r => r.Owner).MaximumLength(TicketLimits.IdLength)
            .Empty().When(r => string.IsNullOrWhiteSpace(r.Tier)).WithMessage("an owner needs the tier the case goes to");
    }
}

internal static class RequestEscalation
{
    public static Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, EscalationRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TicketAnswers.ChangeAsync(() => string.IsNullOrWhiteSpace(request.Tier)
            ? desk.RequestEscalationAsync(id, request.Reason!, user.ToActor(), cancellationToken)
            : desk.EscalateAsync(id, request.Tier, request.Owner, request.Reason!, user.ToActor(), cancellationToken: cancellationToken));
}
