using EscalationStudio.Workflows.Definitions.Files;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// Brings this node up to a definition store that other nodes share (PostgreSQL): when the store's change stamp moved,
/// the published versions are read again and the runtime runs exactly them (<see cref="PublishedWorkflows"/>), so every node
/// runs the store's published version within one poll of a publish anywhere; the node that holds <c>workflows/</c>
/// then writes the files too. The host calls <see cref="CatchUpAsync"/> every second or so.
/// </summary>
public sealed class DefinitionStoreFollower(
    IWorkflowDefinitionStore store,
    WorkflowRuntime runtime,
    WorkflowFolderSync files,
    DefinitionWriteLock writeLock)
{
    private string? stamp;

    /// <summary>Applies what changed in the store since the last call.</summary>
    /// <returns>The published versions this node's runtime refused (it keeps running what it ran before).</returns>
    public async Task<IReadOnlyList<WorkflowValidationException>> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        // Read before the versions: a change landing in between leaves the stamp behind, and the next call applies it.
        var current = await store.ChangeStampAsync(cancellationToken);
        if (current == stamp)
        {
            return [];
        }

        var refused = new List<WorkflowValidationException>();
        using (await writeLock.AcquireAsync(cancellationToken))
        {
            // Under the write lock, so a publish on this node is either wholly before this read or wholly after it.
            var live = (await store.ListAsync(VersionOptions.Published, cancellationToken)).ToDictionary(d => d.DefinitionId, StringComparer.Ordinal);
            foreach (var definition in live.Values)
            {
                try
                {
                    await runtime.GoLiveAsync(definition, cancellationToken);
                }
                catch (WorkflowValidationException e)
                {
                    refused.Add(e);
                }
            }

            foreach (var gone in runtime.Definitions.Current.Where(d => !live.ContainsKey(d.DefinitionId)).Select(d => d.DefinitionId).ToList())
            {
                await runtime.TakeOffLiveAsync(gone, cancellationToken);
            }
        }

        await files.ReconcileWithStoreAsync(cancellationToken);
        stamp = current;
        return refused;
    }
}
