using EscalationStudio.Domain.Tickets;
using EscalationStudio.Persistence;
using EscalationStudio.Policies.Routing;
using Microsoft.EntityFrameworkCore;

namespace EscalationStudio.Server.Runtime;

/// <summary>Open tickets per owner, for least-loaded routing when a policy picks the receiving agent.</summary>
internal sealed class AgentWorkload(IServiceScopeFactory scopes) : IAgentWorkload
{
    public async ValueTask<IReadOnlyDictionary<string, int>> OpenTicketsByAgentAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        return await db.Tickets.AsNoTracking()
            .Where(t => t.OwnerAgentId != null && t.Status != TicketStatus.Solved && t.Status != TicketStatus.Closed)
            .GroupBy(t => t.OwnerAgentId!)
            .Select(owner => new { Agent = owner.Key, Open = owner.Count() })
            .ToDictionaryAsync(owner => owner.Agent, owner => owner.Open, cancellationToken);
    }
}
