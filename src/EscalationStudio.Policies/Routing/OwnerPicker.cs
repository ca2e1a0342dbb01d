using EscalationStudio.Domain.Org;

namespace EscalationStudio.Policies.Routing;

/// <summary>Picks the receiving agent inside a tier; never one at or over capacity when workloads are known.</summary>
/// <remarks>
/// A pick counts against the agent until the caller disposes it, once the assignment is committed and so in the
/// workload. Without that, escalations handled at the same moment all saw the same workloads and sent every case to
/// the same least-loaded agent, past their capacity. Those counts are this process's; with a <see cref="ITierPickLock"/>
/// (several nodes) a pick also holds its tier's turn until disposed, so other nodes' picks wait for its commit.
/// </remarks>
internal sealed class OwnerPicker(IAgentWorkload? workload = null, ITierPickLock? tierLock = null)
{
    private readonly Dictionary<string, int> _turns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _held = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <returns>The agent, held until disposed; or nobody, when the case should wait in the tier's queue (or nobody fits).</returns>
    public async ValueTask<PickedOwner> PickAsync(OrgDirectory org, string tierId, OwnerPick pick, string? skill, string? exceptAgentId, CancellationToken cancellationToken = default)
    {
        if (pick == OwnerPick.Queue)
        {
            return PickedOwner.Nobody;
        }

        var candidates = org.AgentsIn(tierId)
            .Where(a => !string.Equals(a.Id, exceptAgentId, StringComparison.OrdinalIgnoreCase))
            .Where(a => pick != OwnerPick.Skills || string.IsNullOrWhiteSpace(skill) || a.HasSkill(skill))
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        // The turn is taken before the workload is read: what the previous holder assigned is committed by then.
        var turn = workload is null || tierLock is null ? null : await tierLock.AcquireAsync(tierId, cancellationToken);
        try
        {
            var load = workload is null ? null : await workload.OpenTicketsByAgentAsync(cancellationToken);
            var picked = Pick(load, candidates, tierId, pick);
            if (picked.AgentId is null && turn is not null)
            {
                await turn.DisposeAsync();
                return picked;
            }

            return turn is null ? picked : picked.HoldingTurn(turn);
        }
        catch
        {
            if (turn is not null)
            {
                await turn.DisposeAsync();
            }

            throw;
        }
    }

    private PickedOwner Pick(IReadOnlyDictionary<string, int>? load, List<Agent> candidates, string tierId, OwnerPick pick)
    {
        lock (_gate)
        {
            int Open(Agent agent) => load is null ? 0 : load.GetValueOrDefault(agent.Id) + _held.GetValueOrDefault(agent.Id);

            if (load is not null)
            {
                candidates = [.. candidates.Where(a => Open(a) < Math.Max(1, a.Capacity))];
            }

            if (candidates.Count == 0)
            {
                return PickedOwner.Nobody;
            }

            Agent picked;
            if (pick == OwnerPick.RoundRobin || load is null)
            {
                var turn = _turns[tierId] = _turns.TryGetValue(tierId, out var previous) ? previous + 1 : 0;
                picked = candidates[turn % candidates.Count];
            }
            else
            {
                picked = candidates
                    .OrderBy(a => (double)Open(a) / Math.Max(1, a.Capacity))
                    .ThenBy(Open)
                    .First();
            }

            if (load is null)
            {
                // Nothing is counted, so there is nothing to hold.
                return new PickedOwner(picked.Id, null);
            }

            _held[picked.Id] = _held.GetValueOrDefault(picked.Id) + 1;
            return new PickedOwner(picked.Id, this);
        }
    }

    internal void Release(string agentId)
    {
        lock (_gate)
        {
            if (_held.TryGetValue(agentId, out var held) && held > 1)
            {
                _held[agentId] = held - 1;
            }
            else
            {
                _held.Remove(agentId);
            }
        }
    }
}

/// <summary>The agent a pick chose (or nobody), counted against them until disposed: dispose it once the assignment is committed, or has failed.</summary>
internal sealed class PickedOwner : IDisposable, IAsyncDisposable
{
    private OwnerPicker? _picker;
    private IAsyncDisposable? _turn;

    internal PickedOwner(string? agentId, OwnerPicker? picker)
    {
        AgentId = agentId;
        _picker = picker;
    }

    public static PickedOwner Nobody { get; } = new(null, null);

    /// <summary>The agent's id, or null when the case waits in the tier's queue.</summary>
    public string? AgentId { get; }

    internal PickedOwner HoldingTurn(IAsyncDisposable turn)
    {
        var holding = new PickedOwner(AgentId, _picker) { _turn = turn };
        _picker = null;
        return holding;
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _picker, null) is { } picker)
        {
            picker.Release(AgentId!);
        }

        if (Interlocked.Exchange(ref _turn, null) is { } turn)
        {
            await turn.DisposeAsync();
        }
    }
}
