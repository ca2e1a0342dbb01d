using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using EscalationStudio.Server.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal sealed record AddMessageRequest(
    [property: Description("customer, agent or internal-note (default agent)")] string? Kind = null,
    [property: Description("The message text (required, up to 64 KB)")] string? Body = null);

internal sealed class AddMessageRequestValidator : AbstractValidator<AddMessageRequest>
{
    public AddMessageRequestValidator()
    {
        RuleFor(r => r.Kind).IsEnumText<AddMessageRequest, MessageKind>();
        RuleFor(r => r.Body).NotEmpty().MaximumLength(TicketLimits.BodyLength)
            .WithMessage($"a message body of 1 to {TicketLimits.BodyLength} characters is required");
    }
}

internal static class AddMessage
{
    public static async Task<Results<Ok<TicketResponse>, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, AddMessageRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var kind = request.Kind.ParseOr(MessageKind.Agent);
        Actor author;
        if (kind == MessageKind.Customer)
        {
            // Customer messages come from the inbound channels (mail gateway, chat widget), which use manager or
            // admin keys; an agent writing as the customer would falsify the conversation.
            if (user.IsAgentOnly())
            {
                return new ForbiddenProblem(
                    "Agents cannot post customer messages",
                    "An agent key posts agent replies or internal notes; customer messages come from an integration key (manager or admin).");
            }

            if (await desk.FindAsync(id, cancellationToken) is not { } ticket)
            {
                return TicketAnswers.NotFound(id);
            }

            author = Actor.Customer(ticket.RequesterId);
        }
        else
        {
            author = user.ToActor();
        }

        return await TicketAnswers.ChangeAsync(() => desk.AddMessageAsync(id, kind, request.Body!, author, cancellationToken));
    }
}
