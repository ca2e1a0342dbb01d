using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Workflows.Definitions.Files;

/// <summary>
/// Keeps the store and <see cref="PublishedDefinitions"/> in step with <c>workflows/</c>: reads every policy file at
/// start and after each change, and writes the file when a policy is published in Studio. A file that cannot be read
/// or does not validate is skipped (its last good version stays live); the other policies are unaffected.
/// </summary>
public sealed class WorkflowFolderSync(
    WorkflowFolder folder,
    IWorkflowDefinitionStore store,
    PublishedDefinitions published,
    IEnumerable<IPublishValidator> validators,
    DefinitionWriteLock writeLock)
{
    private Dictionary<string, string> fileByDefinitionId = new(StringComparer.Ordinal);
    private Dictionary<string, string?> definitionIdByFile = new(StringComparer.Ordinal);

    public WorkflowFolder Folder => folder;

    /// <summary>The policy file a definition lives in, relative to the folder, if it has one.</summary>
    public string? FileOf(string definitionId)
    {
        lock (fileByDefinitionId) return fileByDefinitionId.GetValueOrDefault(definitionId);
    }

    public async Task<IReadOnlyList<WorkflowFileProblem>> SynchronizeAsync(CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        var problems = new List<WorkflowFileProblem>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        var keptAlive = new HashSet<string>(StringComparer.Ordinal);

        foreach (var file in folder.ListPolicyFiles())
        {
            var read = folder.Read(file);
            var problem = read.Problem ?? Limits(file, read.Definition!) ?? Validate(file, read.Definition!);
            if (problem is not null)
            {
                problems.Add(problem);
                // The file was good before: its published version keeps running until the file is fixed.
                var previous = definitionIdByFile.GetValueOrDefault(file);
                if (previous is not null) keptAlive.Add(previous);
                seen[file] = previous;
                if (previous is not null) files.TryAdd(previous, file);
                continue;
            }

            var definition = read.Definition!;
            if (files.TryGetValue(definition.DefinitionId, out var other))
            {
                problems.Add(new WorkflowFileProblem(file, null, $"definitionId {definition.DefinitionId} is already used by {other}"));
                continue;
            }
            files[definition.DefinitionId] = file;
            seen[file] = definition.DefinitionId;
            await ApplyAsync(definition, cancellationToken);
        }

        // Published in the store (or live here) but without a file: the file was removed, perhaps while the server was down.
        var publishedIds = (await store.ListAsync(VersionOptions.Published, cancellationToken)).Select(d => d.DefinitionId)
            .Concat(published.Current.Select(d => d.DefinitionId))
            .Distinct();
        foreach (var gone in publishedIds.Where(id => !files.ContainsKey(id) && !keptAlive.Contains(id)).ToList())
        {
            await store.SaveAsync(DefinitionVersioning.Retract(await store.ListVersionsAsync(gone, cancellationToken)), cancellationToken);
            published.Remove(gone);
        }

        lock (fileByDefinitionId)
        {
            fileByDefinitionId = files;
            definitionIdByFile = seen;
        }
        return problems;
    }

    /// <summary>Writes the published (or retracted) version to its file. The caller holds the write lock.</summary>
    public string WriteFile(WorkflowDefinition definition) => WriteFile(definition, out _);

    /// <param name="definition">The version to write.</param>
    /// <param name="undo">Puts the folder back as it was before this write, for a store save that fails after it.</param>
    public string WriteFile(WorkflowDefinition definition, out Action undo)
    {
        var existing = FileOf(definition.DefinitionId);
        var before = existing is null ? null : folder.ReadText(existing);
        var file = folder.Write(definition, existing);
        lock (fileByDefinitionId)
        {
            fileByDefinitionId[definition.DefinitionId] = file;
            definitionIdByFile[file] = definition.DefinitionId;
        }

        undo = () =>
        {
            folder.Restore(file, before);
            if (existing is not null) return;
            lock (fileByDefinitionId)
            {
                fileByDefinitionId.Remove(definition.DefinitionId);
                definitionIdByFile.Remove(file);
            }
        };
        return file;
    }

    /// <summary>Deletes the definition's file, if any. The caller holds the write lock.</summary>
    public void DeleteFile(string definitionId)
    {
        var file = FileOf(definitionId);
        if (file is null) return;
        folder.Delete(file);
        lock (fileByDefinitionId)
        {
            fileByDefinitionId.Remove(definitionId);
            definitionIdByFile.Remove(file);
        }
    }

    private async Task ApplyAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definition.DefinitionId, cancellationToken);
        var changed = DefinitionVersioning.FromFile(versions, definition);
        if (changed.Count > 0) await store.SaveAsync(changed, cancellationToken);
        if (definition.IsPublished) published.Set(definition);
        else published.Remove(definition.DefinitionId);
    }

    /// <summary>A file obeys the same limits as a policy saved in Studio (a name too long for a file name, a NUL in any text).</summary>
    private static WorkflowFileProblem? Limits(string file, WorkflowDefinition definition)
    {
        try
        {
            DefinitionLimits.Check(definition);
            return null;
        }
        catch (WorkflowDefinitionFormatException e)
        {
            return new WorkflowFileProblem(file, null, e.Message);
        }
    }

    private WorkflowFileProblem? Validate(string file, WorkflowDefinition definition)
    {
        if (!definition.IsPublished) return null;
        var errors = DefinitionEditor.Validate(validators, definition);
        return errors.Count == 0 ? null : new WorkflowFileProblem(file, ActivityNamedIn(errors[0]), string.Join("; ", errors));
    }

    /// <summary>Validators start a message about one activity with "activity &lt;name&gt;:".</summary>
    private static string? ActivityNamedIn(string error) =>
        error.StartsWith("activity ", StringComparison.Ordinal) && error.IndexOf(':') is > 9 and var colon ? error[9..colon] : null;
}
