using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using EscalationStudio.Server.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal sealed record ApproveTicketRequest(
    [property: Description("refund, credit or contract-change (required)")] string? Kind = null,
    [property: Description("Required for refunds and credits; an approval is checked against the caller's cap")] decimal? Amount = null,
    [property: Description("Why; required when rejecting")] string? Note = null,
    [property: Description("approve (default) or reject")] string? Decision = null)
{
    public const string Approve = "approve";
    public const string Reject = "reject";

    public bool IsRejection => string.Equals(Decision, Reject, StringComparison.OrdinalIgnoreCase);
}

internal sealed class ApproveTicketRequestValidator : AbstractValidator<ApproveTicketRequest>
{
    public ApproveTicketRequestValidator()
    {
        RuleFor(r => r.Kind).NotEmpty().IsEnumText<ApproveTicketRequest, ApprovalKind>();
        RuleFor(r => r.Amount).NotNull().GreaterThan(0)
            .When(r => !r.IsRejection && r.Kind.ParseOr(ApprovalKind.ContractChange) is ApprovalKind.Refund or ApprovalKind.Credit);
        RuleFor(r => r.Note).MaximumLength(TicketLimits.ReasonLength);
        RuleFor(r => r.Note).NotEmpty().When(r => r.IsRejection).WithMessage("say why the approval is rejected");
        RuleFor(r => r.Decision)
            .Must(d => d is null
                || string.Equals(d, ApproveTicketRequest.Approve, StringComparison.OrdinalIgnoreCase)
                || string.Equals(d, ApproveTicketRequest.Reject, StringComparison.OrdinalIgnoreCase))
            .WithMessage((_, d) => $"'{d}' is not one of approve, reject");
    }
}

internal static class ApproveTicket
{
    public static Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, ApproveTicketRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var kind = request.Kind.ParseOr(ApprovalKind.ContractChange);
        return TicketAnswers.ChangeAsync(() => request.IsRejection
            ? desk.RejectApprovalAsync(id, kind, request.Amount, request.Note!, user.ToActor(), cancellationToken)
            : desk.ApproveAsync(id, kind, request.Amount, user.ToActor(), request.Note, cancellationToken));
    }
}
