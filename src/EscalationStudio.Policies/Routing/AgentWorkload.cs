using EscalationStudio.Domain.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Policies.Routing;

/// <summary>
/// Open tickets per agent, asked of the ticket desk at each pick: on the server that is the database every node
/// shares, so a pick on any node counts the cases other nodes assigned (see <see cref="ITierPickLock"/>).
/// </summary>
internal sealed class AgentWorkload(IServiceScopeFactory scopes) : IAgentWorkload
{
    public async ValueTask<IReadOnlyDictionary<string, int>> OpenTicketsByAgentAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var open = await scope.ServiceProvider.GetRequiredService<ITicketDesk>().CountOpenTicketsByOwnerAsync(cancellationToken);
        // Agent ids are matched as the org directory spells them, whatever case a ticket's owner was written in.
        var byAgent = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (agent, count) in open)
        {
            byAgent[agent] = byAgent.GetValueOrDefault(agent) + count;
        }

        return byAgent;
    }
}
