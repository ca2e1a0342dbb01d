using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Domain.Tickets.Changes;
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

/// <summary>
/// A customer message relayed by an inbound channel, written as the ticket's requester. The requester is known where
/// the change is applied, so the route does not read the ticket and its conversation first only to learn who that is.
/// </summary>
internal sealed record CustomerReply(string Body) : TicketChange(Actor.System)
{
    public override void ApplyTo(Ticket ticket, OrgDirectory directory, DateTimeOffset now) =>
        ticket.AddMessage(MessageKind.Customer, Body, Actor.Customer(ticket.RequesterId), now);
}

internal static class AddMessage
{
    public static async Task<Results<TicketChanged, InvalidFieldProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> Handle(
        Guid id, AddMessageRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var kind = request.Kind.ParseOr(MessageKind.Agent);
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

            return await TicketAnswers.ChangeAsync(() => desk.ApplyAsync(id, new CustomerReply(request.Body!), cancellationToken));
        }

        return await TicketAnswers.ChangeAsync(() => desk.AddMessageAsync(id, kind, request.Body!, user.ToActor(), cancellationToken));
    }
}
