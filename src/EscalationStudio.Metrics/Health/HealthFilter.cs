using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Summaries;

namespace EscalationStudio.Metrics.Health;

/// <summary>
/// Which tickets a figure covers; every criterion left null matches all. A ticket counts in the period it was created in.
/// </summary>
public sealed record HealthFilter
{
    public static readonly HealthFilter All = new();

    /// <summary>Created at or after this instant.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before this instant.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>The ticket has been in this tier at some time (its first tier included).</summary>
    public string? Tier { get; init; }

    /// <summary>The agent has owned the ticket at some time.</summary>
    public string? Agent { get; init; }

    /// <summary>The policy moved the ticket between tiers or recorded an SLA warning or breach on it.</summary>
    public string? Policy { get; init; }

    /// <summary>The ticket's priority now.</summary>
    public TicketPriority? Priority { get; init; }

    public TicketChannel? Channel { get; init; }

    /// <summary>The customer segment: true for VIP customers' tickets, false for the others.</summary>
    public bool? Vip { get; init; }

    public bool Matches(TicketSummary ticket) =>
        ticket.HasCreation
        && (CreatedFrom is not { } from || ticket.CreatedAt >= from)
        && (CreatedBefore is not { } before || ticket.CreatedAt < before)
        && (Priority is not { } priority || ticket.Priority == priority)
        && (Channel is not { } channel || ticket.Channel == channel)
        && (Vip is not { } vip || ticket.IsVip == vip)
        && (Tier is null || ticket.WasInTier(Tier))
        && (Agent is null || ticket.WasOwnedBy(Agent))
        && (Policy is null || ticket.WasActedOnBy(Policy));
}
