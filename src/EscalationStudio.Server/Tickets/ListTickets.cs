using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence;
using EscalationStudio.Server.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Server.Tickets;

/// <summary>Filters of <c>GET /api/tickets</c>; all optional. <c>owner=none</c> lists the tier queues' unowned tickets.</summary>
internal sealed record TicketQuery(string? Status, string? Priority, string? Tier, string? Owner, string? Tag, int? Page, int? PageSize)
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
    }
}

internal static class ListTickets
{
    public static async Task<Ok<TicketPage>> Handle([AsParameters] TicketQuery query, EscalationDbContext db, CancellationToken cancellationToken)
    {
        var tickets = db.Tickets.AsNoTracking();
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
