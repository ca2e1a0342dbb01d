using System.ComponentModel;
using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Problems;
using EscalationStudio.Server.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

internal sealed record CreateTicketRequest(
    [property: Description("One line (required, up to 250 characters)")] string? Subject = null,
    string? Description = null,
    [property: Description("The customer (required); found by e-mail or created")] RequesterRequest? Requester = null,
    [property: Description("email, chat, phone, web, social or api (default api)")] string? Channel = null,
    [property: Description("low, normal, high or urgent (default normal)")] string? Priority = null,
    IReadOnlyList<string>? Tags = null,
    [property: Description("Where the ticket lands; default: the org directory's entry tier")] string? Tier = null,
    [property: Description("An agent of that tier; default: the tier's queue")] string? Owner = null);

internal sealed record RequesterRequest(
    string? Name = null,
    string? Email = null,
    string? Organisation = null,
    decimal? LifetimeValue = null,
    [property: Description("Used only when the e-mail is new: existing customers keep their record")] bool? Vip = null);

internal sealed class CreateTicketRequestValidator : AbstractValidator<CreateTicketRequest>
{
    public const int MaxTags = 20;

    public CreateTicketRequestValidator()
    {
        RuleFor(r => r.Subject).NotEmpty().MaximumLength(TicketLimits.SubjectLength);
        RuleFor(r => r.Description).MaximumLength(TicketLimits.BodyLength);
        RuleFor(r => r.Requester).NotNull().SetValidator(new RequesterRequestValidator()!);
        RuleFor(r => r.Channel).IsEnumText<CreateTicketRequest, TicketChannel>();
        RuleFor(r => r.Priority).IsEnumText<CreateTicketRequest, TicketPriority>();
        RuleFor(r => r.Tags).Must(tags => tags is null || tags.Count <= MaxTags).WithMessage($"at most {MaxTags} tags");
        RuleForEach(r => r.Tags).NotEmpty().MaximumLength(TicketLimits.TagLength);
        RuleFor(r => r.Tier).MaximumLength(TicketLimits.IdLength);
        RuleFor(r => r.Owner).MaximumLength(TicketLimits.IdLength);
    }
}

internal sealed class RequesterRequestValidator : AbstractValidator<RequesterRequest>
{
    public RequesterRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(TicketLimits.NameLength);
        RuleFor(r => r.Email).NotEmpty().EmailAddress().MaximumLength(TicketLimits.EmailLength);
        RuleFor(r => r.Organisation).MaximumLength(TicketLimits.NameLength);
        RuleFor(r => r.LifetimeValue).GreaterThanOrEqualTo(0);
    }
}

internal static class CreateTicket
{
    public static async Task<Results<TicketOpened, InvalidFieldProblem, ConflictProblem>> Handle(
        CreateTicketRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var requester = request.Requester!;
        Ticket ticket;
        try
        {
            ticket = await desk.CreateAsync(
                new NewTicket(
                    request.Subject!,
                    request.Description ?? string.Empty,
                    new NewTicketRequester(requester.Name!, requester.Email!, requester.Organisation, requester.LifetimeValue ?? 0, requester.Vip ?? false),
                    request.Channel.ParseOr(TicketChannel.Api),
                    request.Priority.ParseOr(TicketPriority.Normal),
                    request.Tags,
                    request.Tier,
                    request.Owner),
                user.ToActor(),
                cancellationToken);
        }
        catch (TicketRuleViolationException e)
        {
            // Unknown tier or owner, text a ticket cannot hold: the rules of opening a ticket are about its fields.
            return e.Field is { } field ? new InvalidFieldProblem(field, e.Message) : TicketAnswers.NotAllowed(e);
        }

        return new TicketOpened(ticket);
    }
}
