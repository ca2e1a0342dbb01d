using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EscalationStudio.Server.Tickets;

/// <param name="Tier">Where the ticket lands; default: the org directory's entry tier.</param>
/// <param name="Owner">An agent of that tier to own it; default: the tier's queue.</param>
internal sealed record CreateTicketRequest(
    string? Subject,
    string? Description,
    RequesterRequest? Requester,
    string? Channel,
    string? Priority,
    IReadOnlyList<string>? Tags,
    string? Tier,
    string? Owner);

/// <param name="Vip">Used only when the e-mail is new: existing customers keep their record.</param>
internal sealed record RequesterRequest(string? Name, string? Email, string? Organisation, decimal? LifetimeValue, bool? Vip);

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
    public static async Task<Created<TicketResponse>> Handle(CreateTicketRequest request, ITicketDesk desk, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var requester = request.Requester!;
        var ticket = await desk.CreateAsync(
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
        return TypedResults.Created($"/api/tickets/{ticket.Id}", TicketResponse.From(ticket));
    }
}
