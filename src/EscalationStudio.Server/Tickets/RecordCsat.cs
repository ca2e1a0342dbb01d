using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal sealed record RecordCsatRequest(
    [property: Description("1 (very unhappy) to 5 (very happy), required")] int? Score = null,
    string? Comment = null);

internal sealed class RecordCsatRequestValidator : AbstractValidator<RecordCsatRequest>
{
    public RecordCsatRequestValidator()
    {
        RuleFor(r => r.Score).NotNull().InclusiveBetween(1, Ticket.MaxCsatScore);
        RuleFor(r => r.Comment).MaximumLength(TicketLimits.ReasonLength);
    }
}

internal static class RecordCsat
{
    /// <summary>The survey answer is recorded on the requester's behalf; the key that relays it is not the customer.</summary>
    public static Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, RecordCsatRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TicketAnswers.ChangeAsync(() => desk.RecordCsatAsync(id, request.Score!.Value, request.Comment, user.ToActor(), cancellationToken));
}
