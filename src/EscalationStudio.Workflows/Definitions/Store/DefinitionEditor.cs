using EscalationStudio.Workflows.Definitions.Files;

namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// Saving, publishing, retracting and deleting definitions: Elsa's versioning rules applied to the store, with the
/// published version written to <c>workflows/</c> and made live at once.
/// </summary>
public sealed class DefinitionEditor(
    IWorkflowDefinitionStore store,
    WorkflowFolderSync files,
    PublishedDefinitions published,
    IEnumerable<IPublishValidator> validators,
    DefinitionWriteLock writeLock,
    TimeProvider time)
{
    /// <summary>
    /// Saves <paramref name="model"/> as the draft of its definition (a new definition when it has no definitionId or an
    /// unknown one), and publishes it when asked. Throws <see cref="PublishRefusedException"/> when publishing an
    /// invalid policy; the draft is still saved then, so no edit is lost.
    /// </summary>
    public async Task<SaveOutcome> SaveAsync(WorkflowDefinition model, bool publish, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var definitionId = string.IsNullOrWhiteSpace(model.DefinitionId) ? NewId() : model.DefinitionId;
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var draft = versions.Count == 0
            ? New(definitionId, await KeepableIdAsync(model, cancellationToken))
            : DefinitionVersioning.DraftOf(versions, NewId(), time.GetUtcNow());
        DefinitionVersioning.Apply(draft, model);

        if (!publish)
        {
            await store.SaveAsync(DefinitionVersioning.SaveDraft(versions, draft), cancellationToken);
            return new SaveOutcome(draft, AlreadyPublished: false);
        }

        var errors = Validate(draft);
        if (errors.Count > 0)
        {
            await store.SaveAsync(DefinitionVersioning.SaveDraft(versions, draft), cancellationToken);
            throw new PublishRefusedException(draft.Name ?? draft.DefinitionId, errors);
        }
        await PublishLockedAsync(versions, draft, cancellationToken);
        return new SaveOutcome(draft, AlreadyPublished: false);
    }

    /// <summary>Publishes the latest version; answers AlreadyPublished when it is live already.</summary>
    public async Task<SaveOutcome?> PublishAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (DefinitionVersioning.LatestOf(versions) is not { } latest) return null;
        if (latest.IsPublished) return new SaveOutcome(latest, AlreadyPublished: true);

        var errors = Validate(latest);
        if (errors.Count > 0) throw new PublishRefusedException(latest.Name ?? latest.DefinitionId, errors);
        await PublishLockedAsync(versions, latest, cancellationToken);
        return new SaveOutcome(latest, AlreadyPublished: false);
    }

    /// <summary>Takes the policy out of the runtime; its file stays in git, marked unpublished.</summary>
    public async Task<WorkflowDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var retracted = DefinitionVersioning.Retract(versions);
        if (retracted.Count == 0) return null;
        await store.SaveAsync(retracted, cancellationToken);
        files.WriteFile(retracted.MaxBy(v => v.Version)!);
        published.Remove(definitionId);
        return retracted.MaxBy(v => v.Version);
    }

    /// <summary>Deletes every version and the policy file.</summary>
    public async Task<bool> DeleteAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var deleted = await store.DeleteAsync(definitionId, cancellationToken);
        files.DeleteFile(definitionId);
        published.Remove(definitionId);
        return deleted > 0;
    }

    /// <summary>Deletes one version that is neither live nor the latest (Elsa refuses those too).</summary>
    public async Task<bool> DeleteVersionAsync(string id, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var version = await store.FindByIdAsync(id, cancellationToken);
        if (version is null || version.IsPublished || version.IsLatest) return false;
        return await store.DeleteVersionAsync(id, cancellationToken);
    }

    /// <summary>
    /// Imports an Elsa 3 definition: into the draft of an existing definition with the same definitionId, or as a new
    /// definition keeping its ids. Publishes when <paramref name="publish"/> (or, if null, the file's isPublished) says so.
    /// </summary>
    public Task<SaveOutcome> ImportAsync(WorkflowDefinition model, bool? publish, CancellationToken cancellationToken = default) =>
        SaveAsync(model, publish ?? model.IsPublished, cancellationToken);

    public IReadOnlyList<string> Validate(WorkflowDefinition definition) =>
        validators.SelectMany(v => v.Validate(definition)).Distinct().ToList();

    private async Task PublishLockedAsync(IReadOnlyList<WorkflowDefinition> versions, WorkflowDefinition draft, CancellationToken cancellationToken)
    {
        await store.SaveAsync(DefinitionVersioning.Publish(versions, draft), cancellationToken);
        files.WriteFile(draft);
        published.Set(draft);
    }

    /// <summary>An import keeps its version id; "Save as" (no definitionId) echoes the original's id, which must not be reused.</summary>
    private async Task<string?> KeepableIdAsync(WorkflowDefinition model, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(model.DefinitionId) || string.IsNullOrWhiteSpace(model.Id) || await store.FindByIdAsync(model.Id, cancellationToken) is not null
            ? null
            : model.Id;

    private WorkflowDefinition New(string definitionId, string? requestedId) => new()
    {
        Id = string.IsNullOrWhiteSpace(requestedId) ? NewId() : requestedId,
        DefinitionId = definitionId,
        Version = 1,
        CreatedAt = time.GetUtcNow(),
        IsLatest = true,
    };

    private static string NewId() => Guid.NewGuid().ToString("N")[..16];
}

/// <param name="AlreadyPublished">True when a publish found the latest version live already.</param>
public sealed record SaveOutcome(WorkflowDefinition Definition, bool AlreadyPublished);
