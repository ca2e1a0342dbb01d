using EscalationStudio.Workflows.State;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// Hears every run of the runtime and may hold a definition back, e.g. a policy suspended because its runs keep
/// faulting. The runtime asks <see cref="Admits"/> before it starts or resumes an instance: a held definition's
/// triggers are not listed, a start throws <see cref="WorkflowHeldException"/>, and a resume answers
/// <see cref="BookmarkResumptionOutcome.Held"/> with the bookmark left in place. Each run is reported once saved, or
/// when it failed before it could be saved.
/// </summary>
public interface IWorkflowRunGuard
{
    /// <summary>Raised when a definition is held or let go; the runtime lists its triggers again.</summary>
    event EventHandler? HoldsChanged;

    bool Admits(string definitionId);

    /// <param name="result">The run, as saved.</param>
    /// <param name="previous">The instance before the run (null for a start): its incidents are not this run's.</param>
    /// <param name="cancellationToken">Cancels reporting.</param>
    ValueTask RunSavedAsync(WorkflowRunResult result, WorkflowState? previous, CancellationToken cancellationToken = default);

    /// <summary>The run threw: the engine, the definition or the store failed, and nothing of it was saved.</summary>
    ValueTask RunFailedAsync(string definitionId, string instanceId, Exception error, CancellationToken cancellationToken = default);
}

/// <summary>A start of a definition that an <see cref="IWorkflowRunGuard"/> holds back.</summary>
internal sealed class WorkflowHeldException(string definitionId)
    : InvalidOperationException($"Workflow definition '{definitionId}' is held back and starts no instances.")
{
    public string DefinitionId { get; } = definitionId;
}
