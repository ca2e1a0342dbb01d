using System.Collections.Concurrent;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Policies.Routing;

/// <summary>Picks the receiving agent inside a tier; never one at or over capacity when workloads are known.</summary>
public sealed class OwnerPicker(IAgentWorkload? workload = null)
{
    private readonly ConcurrentDictionary<string, int> _turns = new(StringComparer.OrdinalIgnoreCase);

    /// <returns>The agent id, or null when the case should wait in the tier's queue (or nobody fits).</returns>
    public async ValueTask<string?> PickAsync(OrgDirectory org, string tierId, OwnerPick pick, string? skill, string? exceptAgentId, CancellationToken cancellationToken = default)
    {
        if (pick == OwnerPick.Queue)
        {
            return null;
        }

        var candidates = org.AgentsIn(tierId)
            .Where(a => !string.Equals(a.Id, exceptAgentId, StringComparison.OrdinalIgnoreCase))
            .Where(a => pick != OwnerPick.Skills || string.IsNullOrWhiteSpace(skill) || a.HasSkill(skill))
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        var load = workload is null ? null : await workload.OpenTicketsByAgentAsync(cancellationToken);
        if (load is not null)
        {
            candidates = [.. candidates.Where(a => load.GetValueOrDefault(a.Id) < Math.Max(1, a.Capacity))];
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        if (pick == OwnerPick.RoundRobin || load is null)
        {
            var turn = _turns.AddOrUpdate(tierId, 0, (_, previous) => previous + 1);
            return candidates[turn % candidates.Count].Id;
        }

        return candidates
            .OrderBy(a => (double)load.GetValueOrDefault(a.Id) / Math.Max(1, a.Capacity))
            .ThenBy(a => load.GetValueOrDefault(a.Id))
            .First().Id;
    }
}
