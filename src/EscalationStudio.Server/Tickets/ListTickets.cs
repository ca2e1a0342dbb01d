using System.ComponentModel;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Persistence;
using EscalationStudio.Server.HealthFigures;
using EscalationStudio.Server.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Server.Tickets;

/// <summary>
/// Filters of <c>GET /api/tickets</c>; all optional. <c>owner=none</c> lists the tier queues' unowned tickets. The
/// history filters (<see cref="HistoryFilters"/>) are those of the escalation-health figures, read from the live
/// ticket summaries, so a figure's ticket list holds exactly the tickets it counted.
/// </summary>
internal sealed record TicketQuery(
    [property: Description("new, open, pending, on-hold, solved, closed")] string? Status = null,
    [property: Description("The priority now: low, normal, high, urgent")] string? Priority = null,
    [property: Description("The tier holding the ticket now (wasInTier: at any time)")] string? Tier = null,
    [property: Description("The agent owning the ticket now, or 'none' for the tier queues (agent: at any time)")] string? Owner = null,
    string? Tag = null,
    int? Page = null,
    int? PageSize = null,
    [property: Description("email, chat, phone, web, social, api")] string? Channel = null,
    [property: Description("Created from (a date, a whole UTC day, or an ISO 8601 time)")] string? CreatedFrom = null,
    [property: Description("Created until (a date includes that day; an ISO 8601 time is exclusive)")] string? CreatedTo = null,
    [property: Description("The ticket was in this tier at some time")] string? WasInTier = null,
    [property: Description("The agent owned the ticket at some time")] string? Agent = null,
    [property: Description("A policy that moved the ticket between tiers or recorded an SLA warning or breach on it")] string? Policy = null,
    [property: Description("A policy escalated the ticket on this trigger (keyword-matched, vip-customer, sla, ...)")] string? Trigger = null,
    [property: Description("The customer was a VIP when the ticket was created")] string? Vip = null,
    [property: Description("Escalated at least once (true) or never (false)")] string? Escalated = null,
    [property: Description("Handed back down after its first escalation")] string? DeEscalated = null,
    [property: Description("Its tier changed more than once")] string? Bounced = null,
    [property: Description("Breached an SLA (any metric)")] string? SlaBreached = null,
    [property: Description("The tickets behind an escalation-health figure (escalation-rate, de-escalation-rate, escalated-by-policy, sla-breached, ...)")] string? Figure = null,
    [property: Description("numerator (default) or denominator of the figure")] string? Side = null,
    [property: Description("The figure's tier, policy (policy@version), trigger or SLA metric")] string? Key = null)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public const string Unowned = "none";
}

internal sealed class TicketQueryValidator : AbstractValidator<TicketQuery>
{
    public TicketQueryValidator()
    {
        RuleFor(q => q.Status).IsEnumText<TicketQuery, TicketStatus>();
        RuleFor(q => q.Priority).IsEnumText<TicketQuery, TicketPriority>();
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, TicketQuery.MaxPageSize);
        RuleFor(q => q.Channel).IsEnumText<TicketQuery, TicketChannel>();
        RuleFor(q => q.CreatedFrom).IsInstant(end: false);
        RuleFor(q => q.CreatedTo).IsInstant(end: true)
            .Must((q, to) => HealthCuts.InOrder(q.CreatedFrom, to)).WithMessage("must be after 'createdFrom'");
        RuleFor(q => q.WasInTier).IsId();
        RuleFor(q => q.Agent).IsId();
        RuleFor(q => q.Policy).IsId();
        RuleFor(q => q.Trigger).IsId();
        RuleFor(q => q.Vip).IsYesNo();
        RuleFor(q => q.Escalated).IsYesNo();
        RuleFor(q => q.DeEscalated).IsYesNo();
        RuleFor(q => q.Bounced).IsYesNo();
        RuleFor(q => q.SlaBreached).IsYesNo();
        RuleFor(q => q.Figure).IsEnumText<TicketQuery, HealthFigure>();
        RuleFor(q => q.Side).IsEnumText<TicketQuery, FigureSide>();
        RuleFor(q => q.Key).IsId()
            .NotNull().When(q => TicketText.TryParse<HealthFigure>(q.Figure, out var figure) && HistoryFilters.NeedsKey(figure))
            .WithMessage((q, _) => $"the figure '{q.Figure}' needs the key of its tier, policy, trigger or SLA metric");
    }
}

internal static class ListTickets
{
    public static async Task<Ok<TicketPage>> Handle(
        [AsParameters] TicketQuery query, EscalationDbContext db, LiveTicketSummaries summaries, CancellationToken cancellationToken)
    {
        var tickets = db.Tickets.AsNoTracking();
        if (HistoryFilters.From(query) is { } history)
        {
            // The tickets the summaries select; one parameter however many (a JSON array on SQLite, an array on PostgreSQL).
            var ids = await summaries.ReadAsync(all => all.Where(history).Select(t => t.TicketId).ToList(), cancellationToken);
            tickets = tickets.Where(t => EF.Parameter(ids).Contains(t.Id));
        }

        if (TicketText.TryParse<TicketChannel>(query.Channel, out var channel))
        {
            tickets = tickets.Where(t => t.Channel == channel);
        }

        if (HealthCuts.TryParseInstant(query.CreatedFrom, end: false, out var createdFrom) && createdFrom is { } from)
        {
            tickets = tickets.Where(t => t.CreatedAt >= from);
        }

        if (HealthCuts.TryParseInstant(query.CreatedTo, end: true, out var createdTo) && createdTo is { } to)
        {
            tickets = tickets.Where(t => t.CreatedAt < to);
        }

        if (TicketText.TryParse<TicketStatus>(query.Status, out var status))
        {
            tickets = tickets.Where(t => t.Status == status);
        }

        if (TicketText.TryParse<TicketPriority>(query.Priority, out var priority))
        {
            tickets = tickets.Where(t => t.Priority == priority);
        }

        if (!string.IsNullOrWhiteSpace(query.Tier))
        {
            tickets = tickets.Where(t => t.TierId == query.Tier);
        }

        if (string.Equals(query.Owner, TicketQuery.Unowned, StringComparison.OrdinalIgnoreCase))
        {
            tickets = tickets.Where(t => t.OwnerAgentId == null);
        }
        else if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            tickets = tickets.Where(t => t.OwnerAgentId == query.Owner);
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            tickets = tickets.Where(t => t.Tags.Contains(tag));
        }

        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? TicketQuery.DefaultPageSize;
        var total = await tickets.CountAsync(cancellationToken);
        var items = await tickets
            .Include(t => t.Requester)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new TicketPage(
            [.. items.Select(TicketSummaryResponse.From)], page, pageSize, total, (total + pageSize - 1) / pageSize));
    }
}
