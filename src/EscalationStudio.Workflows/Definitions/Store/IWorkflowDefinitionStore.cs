namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// Every version of every workflow definition (drafts and the history of published versions). The versioning rules
/// live in <see cref="DefinitionVersioning"/>; a store only keeps rows.
/// </summary>
public interface IWorkflowDefinitionStore
{
    Task<IReadOnlyList<WorkflowDefinition>> ListAsync(VersionOptions versions, CancellationToken cancellationToken = default);

    /// <summary>All versions of one definition, oldest first.</summary>
    Task<IReadOnlyList<WorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken = default);

    Task<WorkflowDefinition?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>One line per definition, for the policy list.</summary>
    Task<IReadOnlyList<DefinitionSummary>> SummarizeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces the given versions (matched by <see cref="WorkflowDefinition.Id"/>) in one transaction. A
    /// version without a <see cref="WorkflowDefinition.StoredRevision"/> is inserted; one with a revision replaces its row
    /// only while the row still has that revision. When another writer got there first (the row changed, or a version of
    /// that number or id exists already) nothing is saved and <see cref="DefinitionConflictException"/> is thrown.
    /// </summary>
    Task SaveAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken = default);

    /// <summary>
    /// A value that changes whenever any version is saved or deleted, cheap enough to read every second or so: how a
    /// node sharing the store notices what other nodes changed.
    /// </summary>
    Task<string> ChangeStampAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes every version of the definition; returns how many there were.</summary>
    Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken = default);

    Task<bool> DeleteVersionAsync(string id, CancellationToken cancellationToken = default);
}

/// <param name="PublishedVersion">The live version, or null when the definition is a draft only.</param>
/// <param name="LastChangedAt">When any version of the definition was last saved.</param>
public sealed record DefinitionSummary(
    string DefinitionId,
    string? Name,
    string? Description,
    int LatestVersion,
    int? PublishedVersion,
    bool LatestIsDraft,
    DateTimeOffset LastChangedAt);
