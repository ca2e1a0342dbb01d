using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

/// <summary>An agent's manual flag: the escalation policies decide where the case goes.</summary>
internal sealed record EscalateTicketRequest(string? Reason);

internal sealed class EscalateTicketRequestValidator : AbstractValidator<EscalateTicketRequest>
{
    public EscalateTicketRequestValidator()
    {
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(TicketLimits.ReasonLength);
    }
}

internal static class EscalateTicket
{
    public static async Task<Ok<TicketResponse>> Handle(Guid id, EscalateTicketRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(TicketResponse.From(await desk.RequestEscalationAsync(id, request.Reason!, user.ToActor(), cancellationToken)));
}
