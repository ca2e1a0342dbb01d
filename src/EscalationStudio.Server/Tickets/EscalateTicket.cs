using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

/// <summary>
/// Without a tier, an agent's manual flag: the escalation policies decide where the case goes. With a tier (and
/// optionally an owner), the caller escalates the case there at once.
/// </summary>
internal sealed record EscalateTicketRequest(
    [property: Description("Why the case needs escalating (required)")] string? Reason = null,
    [property: Description("Escalate straight to this tier; without it the request is a flag for the policies")] string? Tier = null,
    [property: Description("An agent of that tier; default: the tier's queue")] string? Owner = null);

internal sealed class EscalateTicketRequestValidator : AbstractValidator<EscalateTicketRequest>
{
    public EscalateTicketRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(TicketLimits.ReasonLength);
        RuleFor(r => r.Tier).MaximumLength(TicketLimits.IdLength);
        RuleFor(r => r.Owner).MaximumLength(TicketLimits.IdLength)
            .Empty().When(r => string.IsNullOrWhiteSpace(r.Tier)).WithMessage("an owner needs the tier the case goes to");
    }
}

internal static class EscalateTicket
{
    public static async Task<Ok<TicketResponse>> Handle(Guid id, EscalateTicketRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var ticket = string.IsNullOrWhiteSpace(request.Tier)
            ? await desk.RequestEscalationAsync(id, request.Reason!, user.ToActor(), cancellationToken)
            : await desk.EscalateAsync(id, request.Tier, request.Owner, request.Reason!, user.ToActor(), cancellationToken: cancellationToken);
        return TypedResults.Ok(TicketResponse.From(ticket));
    }
}
