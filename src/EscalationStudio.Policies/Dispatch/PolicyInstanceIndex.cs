using System.Collections.Concurrent;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>
/// Remembers which instance of a policy runs for a ticket, so a second trigger event does not start a second
/// instance while the first still runs (at most one running instance per policy and ticket).
/// </summary>
public interface IPolicyInstanceIndex
{
    ValueTask<string?> FindAsync(string definitionId, Guid ticketId, CancellationToken cancellationToken = default);

    ValueTask TrackAsync(string definitionId, Guid ticketId, string instanceId, CancellationToken cancellationToken = default);
}

/// <summary>In-process index; whether the remembered instance still runs is read from the instance store each time.</summary>
public sealed class InMemoryPolicyInstanceIndex : IPolicyInstanceIndex
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
    /// Whether the policy runs for the ticket: the remembered instance still runs, or (after a restart, when the
    /// in-process index is empty) a stored instance of the policy waits on the ticket's events.
    /// </summary>
    public static async ValueTask<bool> IsRunningAsync(this IPolicyInstanceIndex index, WorkflowRuntime runtime, IBookmarkStore bookmarks,
        string definitionId, Guid ticketId, CancellationToken cancellationToken)
    {
        if (await index.FindAsync(definitionId, ticketId, cancellationToken) is { } instanceId
            && await runtime.FindInstanceAsync(instanceId, cancellationToken) is { Status: WorkflowStatus.Running })
        {
            return true;
        }

        var watching = await bookmarks.FindByHashAsync(
            Workflows.Bookmarks.StimulusHasher.Hash(TicketStimuli.TicketChanged, new TicketChangedPayload(ticketId.ToString())), cancellationToken);
        return watching.Any(b => runtime.Definitions.FindByVersionId(b.DefinitionVersionId)?.DefinitionId == definitionId);
    }
}
