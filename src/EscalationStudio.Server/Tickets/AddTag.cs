using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal sealed record AddTagRequest([property: Description("The tag (required; stored lower-case)")] string? Tag = null);

internal sealed class AddTagRequestValidator : AbstractValidator<AddTagRequest>
{
    public AddTagRequestValidator()
    {
        RuleFor(r => r.Tag).NotEmpty().MaximumLength(TicketLimits.TagLength);
    }
}

internal static class AddTag
{
    public static Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, AddTagRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TicketAnswers.ChangeAsync(() => desk.AddTagAsync(id, request.Tag!, user.ToActor(), cancellationToken));
}
