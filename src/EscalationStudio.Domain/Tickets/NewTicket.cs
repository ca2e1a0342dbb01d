namespace EscalationStudio.Domain.Tickets;

/// <summary>What is needed to open a ticket. The requester is found by e-mail, or created on their first ticket.</summary>
/// <param name="TierId">Where the ticket lands; null means the org directory's entry tier (tier-1).</param>
public sealed record NewTicket(
    string Subject,
    string Description,
    NewTicketRequester Requester,
    TicketChannel Channel,
    TicketPriority Priority = TicketPriority.Normal,
    IReadOnlyList<string>? Tags = null,
    string? TierId = null,
    string? OwnerAgentId = null);

/// <summary>The customer on a new ticket. Name, organisation, value and VIP flag are used only when the e-mail is new.</summary>
public sealed record NewTicketRequester(string Name, string Email, string? Organisation = null, decimal LifetimeValue = 0, bool IsVip = false);
