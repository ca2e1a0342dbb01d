using System.Security.Claims;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Validation;
using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal sealed record ApproveTicketRequest(
    [property: Description("refund, credit or contract-change (required)")] string? Kind = null,
    [property: Description("Required for refunds and credits; checked against the caller's cap")] decimal? Amount = null,
    string? Note = null);

internal sealed class ApproveTicketRequestValidator : AbstractValidator<ApproveTicketRequest>
{
    public ApproveTicketRequestValidator()
    {
        RuleFor(r => r.Kind).NotEmpty().IsEnumText<ApproveTicketRequest, ApprovalKind>();
        RuleFor(r => r.Amount).NotNull().GreaterThan(0)
            .When(r => r.Kind.ParseOr(ApprovalKind.ContractChange) is ApprovalKind.Refund or ApprovalKind.Credit);
        RuleFor(r => r.Note).MaximumLength(TicketLimits.ReasonLength);
    }
}

internal static class ApproveTicket
{
    public static async Task<Ok<TicketResponse>> Handle(Guid id, ApproveTicketRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(TicketResponse.From(await desk.ApproveAsync(
            id, request.Kind.ParseOr(ApprovalKind.ContractChange), request.Amount, user.ToActor(), request.Note, cancellationToken)));
}
