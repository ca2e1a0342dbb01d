using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// Finds the version an instance is pinned to in the studio's definition store, so an instance started on an older
/// version still resumes after a restart, when only the current published versions were re-registered.
/// </summary>
internal sealed class DefinitionStoreVersionSource(IWorkflowDefinitionStore store) : IDefinitionVersionSource
{
    public async ValueTask<WorkflowDefinition?> FindVersionAsync(string definitionVersionId, CancellationToken cancellationToken = default) =>
        await store.FindByIdAsync(definitionVersionId, cancellationToken);
}
