using System.Collections.Concurrent;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>
/// Remembers which instance of a policy runs for a ticket, so a second trigger event does not start a second
/// instance while the first still runs (at most one running instance per policy and ticket).
/// </summary>
internal interface IPolicyInstanceIndex
{
    ValueTask<string?> FindAsync(string definitionId, Guid ticketId, CancellationToken cancellationToken = default);

    ValueTask TrackAsync(string definitionId, Guid ticketId, string instanceId, CancellationToken cancellationToken = default);
}

/// <summary>In-process index; whether the remembered instance still runs is read from the instance store each time.</summary>
internal sealed class InMemoryPolicyInstanceIndex : IPolicyInstanceIndex
{
    private readonly ConcurrentDictionary<(string, Guid), string> _instances = new();

    public ValueTask<string?> FindAsync(string definitionId, Guid ticketId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_instances.GetValueOrDefault((definitionId, ticketId)));

    public ValueTask TrackAsync(string definitionId, Guid ticketId, string instanceId, CancellationToken cancellationToken = default)
    {
        _instances[(definitionId, ticketId)] = instanceId;
        return ValueTask.CompletedTask;
    }
}

internal static class PolicyInstanceIndexExtensions
{
    /// <summary>
    /// Whether the policy runs for the ticket: one of its instances waits on the ticket's events (<paramref name="watchingTicket"/>,
    /// which also covers a restart, when the in-process index is empty), or the remembered instance still runs
    /// (e.g. waiting on a timer only). The first check costs nothing; the second reads the instance.
    /// </summary>
    public static async ValueTask<bool> IsRunningAsync(this IPolicyInstanceIndex index, WorkflowRuntime runtime, IReadOnlyList<StoredBookmark> watchingTicket,
        string definitionId, Guid ticketId, CancellationToken cancellationToken)
    {
        if (watchingTicket.Any(b => runtime.Definitions.FindByVersionId(b.DefinitionVersionId)?.DefinitionId == definitionId))
        {
            return true;
        }

        return await index.FindAsync(definitionId, ticketId, cancellationToken) is { } instanceId
            && await runtime.FindInstanceAsync(instanceId, cancellationToken) is { Status: WorkflowStatus.Running };
    }
}
