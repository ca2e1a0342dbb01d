using EscalationStudio.Workflows.Definitions.Files;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Workflows.Definitions.Store;

/// <summary>
/// Saving, publishing, retracting and deleting definitions: Elsa's versioning rules applied to the store, with the
/// published version written to <c>workflows/</c> and made live at once.
/// </summary>
public sealed class DefinitionEditor(
    IWorkflowDefinitionStore store,
    WorkflowFolderSync files,
    WorkflowRuntime runtime,
    IEnumerable<IPublishValidator> validators,
    DefinitionWriteLock writeLock,
    TimeProvider time)
{
    /// <summary>
    /// Saves <paramref name="model"/> as the draft of its definition (a new definition when it has no definitionId or an
    /// unknown one), and publishes it when asked. Throws <see cref="PublishRefusedException"/> when publishing an
    /// invalid policy; the draft is still saved then, so no edit is lost. Throws
    /// <see cref="WorkflowDefinitionFormatException"/> for a model over <see cref="DefinitionLimits"/>, saving nothing.
    /// </summary>
    /// <param name="author">Who saves (the API key's name), recorded on the version with the time.</param>
    public async Task<SaveOutcome> SaveAsync(WorkflowDefinition model, bool publish, CancellationToken cancellationToken = default, string? author = null)
    {
        DefinitionLimits.Check(model);
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var definitionId = string.IsNullOrWhiteSpace(model.DefinitionId) ? await NewDefinitionIdAsync(model.Name, cancellationToken) : model.DefinitionId;
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var draft = versions.Count == 0
            ? New(definitionId, await KeepableIdAsync(model, cancellationToken))
            : DefinitionVersioning.DraftOf(versions, NewId(), time.GetUtcNow());
        DefinitionVersioning.Apply(draft, model);
        DefinitionStamps.Stamp(draft, author, time.GetUtcNow());

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

        try
        {
            await PublishLockedAsync(versions, draft, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file could not be written, so nothing was published; the edit itself is kept as the draft.
            draft.IsPublished = false;
            await store.SaveAsync(DefinitionVersioning.SaveDraft(versions, draft), cancellationToken);
            throw;
        }

        return new SaveOutcome(draft, AlreadyPublished: false);
    }

    /// <summary>
    /// Publishes the latest version; answers AlreadyPublished when it is live already. A version saved before
    /// <see cref="DefinitionLimits"/> existed and over them is refused (<see cref="WorkflowDefinitionFormatException"/>).
    /// </summary>
    public async Task<SaveOutcome?> PublishAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (DefinitionVersioning.LatestOf(versions) is not { } latest)
        {
            return null;
        }

        if (latest.IsPublished)
        {
            return new SaveOutcome(latest, AlreadyPublished: true);
        }

        DefinitionLimits.Check(latest);

        var errors = Validate(latest);
        if (errors.Count > 0)
        {
            throw new PublishRefusedException(latest.Name ?? latest.DefinitionId, errors);
        }

        await PublishLockedAsync(versions, latest, cancellationToken);
        return new SaveOutcome(latest, AlreadyPublished: false);
    }

    /// <summary>Takes the policy out of the runtime; its file stays in git, marked unpublished.</summary>
    public async Task<WorkflowDefinition?> RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var retracted = DefinitionVersioning.Retract(versions, time.GetUtcNow());
        if (retracted.Count == 0)
        {
            return null;
        }

        await WriteFileThenSaveAsync(retracted.MaxBy(v => v.Version)!, retracted, cancellationToken);
        await runtime.TakeOffLiveAsync(definitionId, cancellationToken);
        return retracted.MaxBy(v => v.Version);
    }

    /// <summary>
    /// Elsa's revert: the content of <paramref name="version"/> becomes the draft (a new version when the latest is
    /// published), to be published like any edit. Null when the definition or the version does not exist.
    /// </summary>
    public async Task<WorkflowDefinition?> RevertAsync(string definitionId, int version, string? author, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (versions.FirstOrDefault(v => v.Version == version) is not { } source)
        {
            return null;
        }

        var draft = DefinitionVersioning.DraftOf(versions, NewId(), time.GetUtcNow());
        DefinitionVersioning.Apply(draft, source.Clone());
        DefinitionStamps.Stamp(draft, author, time.GetUtcNow());
        draft.CustomProperties["revertedFrom"] = version;
        await store.SaveAsync(DefinitionVersioning.SaveDraft(versions, draft), cancellationToken);
        return draft;
    }

    /// <summary>Throws the unpublished latest version away; the version before it is the latest again. Null when there is no draft to discard.</summary>
    public async Task<WorkflowDefinition?> DiscardDraftAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (DefinitionVersioning.DiscardDraft(versions) is not { } discarded)
        {
            return null;
        }

        await store.DeleteVersionAsync(discarded.Draft.Id, cancellationToken);
        await store.SaveAsync([discarded.NewLatest], cancellationToken);
        return discarded.NewLatest;
    }

    /// <summary>
    /// Sets which of several policies started by the same ticket event runs first (higher first), on every version;
    /// the published one is written to its file and goes live with it. Null when the definition does not exist.
    /// </summary>
    public async Task<WorkflowDefinition?> SetPrecedenceAsync(string definitionId, int precedence, string? author, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (versions.Count == 0)
        {
            return null;
        }

        foreach (var version in versions)
        {
            version.CustomProperties[DefinitionStamps.Precedence] = precedence;
        }

        await SaveSettingAsync(versions, author, cancellationToken);
        return DefinitionVersioning.LatestOf(versions);
    }

    /// <summary>
    /// Switches a policy on or off, on every version (a draft published later keeps the switch): the published one is
    /// written to its file and goes live again with its triggers indexed or none. Null when the definition does not exist.
    /// </summary>
    public async Task<WorkflowDefinition?> SetEnabledAsync(string definitionId, bool enabled, string? author, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (versions.Count == 0)
        {
            return null;
        }

        foreach (var version in versions)
        {
            if (enabled)
            {
                version.CustomProperties.Remove(DefinitionStamps.Disabled);
            }
            else
            {
                version.CustomProperties[DefinitionStamps.Disabled] = true;
            }
        }

        await SaveSettingAsync(versions, author, cancellationToken);
        return DefinitionVersioning.LatestOf(versions);
    }

    /// <summary>
    /// Saves a setting changed on every version: the published one is stamped, written to its file and goes live again
    /// (its triggers indexed afresh); without one, only the store changes.
    /// </summary>
    private async Task SaveSettingAsync(IReadOnlyList<WorkflowDefinition> versions, string? author, CancellationToken cancellationToken)
    {
        if (versions.FirstOrDefault(v => v.IsPublished) is { } published)
        {
            DefinitionStamps.Stamp(published, author, time.GetUtcNow());
            await WriteFileThenSaveAsync(published, versions, cancellationToken);
            await runtime.GoLiveAsync(published, cancellationToken);
        }
        else
        {
            await store.SaveAsync(versions, cancellationToken);
        }
    }

    /// <summary>Deletes every version and the policy file.</summary>
    public async Task<bool> DeleteAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var deleted = await store.DeleteAsync(definitionId, cancellationToken);
        files.DeleteFile(definitionId);
        await runtime.TakeOffLiveAsync(definitionId, cancellationToken);
        return deleted > 0;
    }

    /// <summary>Deletes one version that is not live; the latest only when it is a draft with a version before it (discarded).</summary>
    public async Task<bool> DeleteVersionAsync(string id, CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var version = await store.FindByIdAsync(id, cancellationToken);
        if (version is { IsLatest: true, IsPublished: false }
            && DefinitionVersioning.DiscardDraft(await store.ListVersionsAsync(version.DefinitionId, cancellationToken)) is { } discarded)
        {
            // Studio's Delete on the draft discards it: the version before it becomes the latest again.
            await store.DeleteVersionAsync(discarded.Draft.Id, cancellationToken);
            await store.SaveAsync([discarded.NewLatest], cancellationToken);
            return true;
        }

        if (version is null || version.IsPublished || version.IsLatest)
        {
            return false;
        }

        return await store.DeleteVersionAsync(id, cancellationToken);
    }

    /// <summary>
    /// Imports an Elsa 3 definition: into the draft of an existing definition with the same definitionId, or as a new
    /// definition keeping its ids. Publishes when <paramref name="publish"/> (or, if null, the file's isPublished) says so.
    /// </summary>
    public Task<SaveOutcome> ImportAsync(WorkflowDefinition model, bool? publish, CancellationToken cancellationToken = default) =>
        SaveAsync(model, publish ?? model.IsPublished, cancellationToken);

    public IReadOnlyList<string> Validate(WorkflowDefinition definition) => Validate(validators, definition);

    /// <summary>
    /// Every validator's messages. A validator that stumbles over JSON of the wrong shape (a number where an object
    /// belongs, somewhere deep in a flowchart) refuses the policy with that message instead of failing the request.
    /// </summary>
    public static IReadOnlyList<string> Validate(IEnumerable<IPublishValidator> validators, WorkflowDefinition definition)
    {
        var errors = new List<string>();
        foreach (var validator in validators)
        {
            try
            {
                errors.AddRange(validator.Validate(definition));
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                errors.Add($"the policy's JSON has a value of the wrong type ({e.Message})");
            }
        }

        return errors.Distinct().ToList();
    }

    private async Task PublishLockedAsync(IReadOnlyList<WorkflowDefinition> versions, WorkflowDefinition draft, CancellationToken cancellationToken)
    {
        await WriteFileThenSaveAsync(draft, DefinitionVersioning.Publish(versions, draft), cancellationToken);
        await runtime.GoLiveAsync(draft, cancellationToken);
    }

    /// <summary>
    /// The file first, then the store: <c>workflows/</c> is what a restart loads, so a store that said published while
    /// the file write failed would be retracted at the next start (and the client told it was published). A store
    /// save that fails after the file was written puts the file back.
    /// </summary>
    private async Task WriteFileThenSaveAsync(WorkflowDefinition file, IReadOnlyList<WorkflowDefinition> changed, CancellationToken cancellationToken)
    {
        files.WriteFile(file, out var undo);
        try
        {
            await store.SaveAsync(changed, cancellationToken);
        }
        catch
        {
            undo();
            throw;
        }
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

    /// <summary>A new policy's id reads like its name ("VIP unanswered 2h" → vip-unanswered-2h), made unique with -2, -3...</summary>
    private async Task<string> NewDefinitionIdAsync(string? name, CancellationToken cancellationToken)
    {
        var slug = Files.PolicyFileName.Kebab(name);
        slug = slug.Length > 90 ? slug[..90].TrimEnd('-') : slug;
        if (slug.Length == 0)
        {
            return NewId();
        }

        for (var n = 1; n < 1000; n++)
        {
            var candidate = n == 1 ? slug : $"{slug}-{n}";
            if ((await store.ListVersionsAsync(candidate, cancellationToken)).Count == 0)
            {
                return candidate;
            }
        }

        return NewId();
    }
}

/// <param name="AlreadyPublished">True when a publish found the latest version live already.</param>
public sealed record SaveOutcome(WorkflowDefinition Definition, bool AlreadyPublished);
