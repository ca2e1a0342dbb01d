using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

/// <summary>Hands the case back down to a lower tier with a note, so the receiving agent does not start from zero.</summary>
internal sealed record DeEscalateTicketRequest(
    [property: Description("A ladder level below the current tier (required)")] string? Tier = null,
    [property: Description("An agent of that tier; default: the tier's queue")] string? Owner = null,
    [property: Description("What was done and what is left (required)")] string? Note = null);

internal sealed class DeEscalateTicketRequestValidator : AbstractValidator<DeEscalateTicketRequest>
{
    public DeEscalateTicketRequestValidator()
    {
        RuleFor(r => r.Tier).NotEmpty().MaximumLength(TicketLimits.IdLength);
        RuleFor(r => r.Owner).MaximumLength(TicketLimits.IdLength);
        RuleFor(r => r.Note).NotEmpty().WithMessage("a hand-back note is required: say what was done and what is left")
            .MaximumLength(TicketLimits.ReasonLength);
    }
}

internal static class DeEscalateTicket
{
    public static Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, DeEscalateTicketRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TicketAnswers.ChangeAsync(() => desk.DeEscalateAsync(id, request.Tier!, request.Owner, request.Note!, user.ToActor(), cancellationToken: cancellationToken));
}
