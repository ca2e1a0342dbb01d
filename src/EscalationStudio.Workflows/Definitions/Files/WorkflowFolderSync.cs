using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Workflows.Definitions.Files;

/// <summary>
/// Keeps the store and the runtime's live policies (<see cref="PublishedWorkflows"/>) in step with <c>workflows/</c>: reads every policy file at
/// start and after each change, and writes the file when a policy is published in Studio. A file that cannot be read
/// or does not validate is skipped (its last good version stays live); the other policies are unaffected.
/// </summary>
/// <remarks>
/// Nodes sharing one database (<see cref="SharedStore"/>) each have their own copy of the folder, and the database is
/// the one source of truth: only the node that holds the folder (<see cref="WritesFolder"/>, the elected leader)
/// writes files or imports them, an import takes only files that changed on disk, and a file missing at start is
/// written again from the database rather than taken as a retract, since that folder may simply never have had it.
/// </remarks>
public sealed class WorkflowFolderSync(
    WorkflowFolder folder,
    IWorkflowDefinitionStore store,
    WorkflowRuntime runtime,
    IEnumerable<IPublishValidator> validators,
    DefinitionWriteLock writeLock)
{
    private Dictionary<string, string> fileByDefinitionId = new(StringComparer.Ordinal);
    private Dictionary<string, string?> definitionIdByFile = new(StringComparer.Ordinal);

    // The text of each file as this node last read or wrote it: a file that still has it has not changed on disk.
    private readonly Dictionary<string, string> knownText = new(StringComparer.Ordinal);
    private bool synchronizedOnce;
    private volatile bool writesFolder = true;

    public WorkflowFolder Folder => folder;

    /// <summary>True when other nodes share the store (PostgreSQL); set once before the first synchronisation.</summary>
    public bool SharedStore { get; set; }

    /// <summary>
    /// Whether this node writes and imports <c>workflows/</c>. Always on one node; on a shared store only the leader
    /// does, and a node that is not leader leaves its folder alone (its policies come from the database).
    /// </summary>
    public bool WritesFolder
    {
        get => writesFolder;
        set => writesFolder = value;
    }

    /// <summary>The policy file a definition lives in, relative to the folder, if it has one.</summary>
    public string? FileOf(string definitionId)
    {
        lock (fileByDefinitionId)
        {
            return fileByDefinitionId.GetValueOrDefault(definitionId);
        }
    }

    public async Task<IReadOnlyList<WorkflowFileProblem>> SynchronizeAsync(CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        if (!WritesFolder)
        {
            return [];
        }

        var atStart = !synchronizedOnce;
        var problems = new List<WorkflowFileProblem>();
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        var keptAlive = new HashSet<string>(StringComparer.Ordinal);

        foreach (var file in folder.ListPolicyFiles())
        {
            var read = folder.Read(file);
            if (SharedStore && read.Text is { } text && knownText.GetValueOrDefault(file) == text)
            {
                // Unchanged since this node read or wrote it: nothing to import, and what it says is in the store already.
                var known = definitionIdByFile.GetValueOrDefault(file);
                seen[file] = known;
                if (known is not null && !files.TryAdd(known, file))
                {
                    seen[file] = null;
                }

                if (known is not null)
                {
                    keptAlive.Add(known);
                }

                continue;
            }

            var problem = read.Problem ?? Limits(file, read.Definition!) ?? Validate(file, read.Definition!);
            if (problem is not null)
            {
                problems.Add(problem);
                // The file was good before: its published version keeps running until the file is fixed.
                var previous = definitionIdByFile.GetValueOrDefault(file);
                if (previous is not null)
                {
                    keptAlive.Add(previous);
                }

                seen[file] = previous;
                if (previous is not null)
                {
                    files.TryAdd(previous, file);
                }

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
            if (SharedStore && atStart && await StoreHasNewerAsync(definition, cancellationToken))
            {
                // A copy of the folder that missed publishes made on other nodes: the store wins, and the file is
                // rewritten from it (ReconcileWithStoreAsync) instead of rolling the policy back.
                keptAlive.Add(definition.DefinitionId);
                if (read.Text is not null)
                {
                    knownText[file] = read.Text;
                }

                continue;
            }

            try
            {
                await ApplyAsync(definition, cancellationToken);
                if (read.Text is not null)
                {
                    knownText[file] = read.Text;
                }
            }
            catch (Exception e) when (e is DefinitionConflictException or WorkflowValidationException)
            {
                problems.Add(new WorkflowFileProblem(file, null, e.Message));
                keptAlive.Add(definition.DefinitionId);
            }
        }

        if (SharedStore)
        {
            // Only a file this node saw and that is gone now was removed; a file never seen here says nothing.
            IReadOnlyList<string> removed;
            lock (fileByDefinitionId)
            {
                removed = fileByDefinitionId.Where(f => !files.ContainsKey(f.Key) && !keptAlive.Contains(f.Key)).Select(f => f.Key).ToList();
            }

            foreach (var gone in removed)
            {
                await RetractAsync(gone, cancellationToken);
            }
        }
        else
        {
            // Published in the store (or live here) but without a file: the file was removed, perhaps while the server was down.
            var publishedIds = (await store.ListAsync(VersionOptions.Published, cancellationToken)).Select(d => d.DefinitionId)
                .Concat(runtime.Definitions.Current.Select(d => d.DefinitionId))
                .Distinct();
            foreach (var gone in publishedIds.Where(id => !files.ContainsKey(id) && !keptAlive.Contains(id)).ToList())
            {
                await RetractAsync(gone, cancellationToken);
            }
        }

        foreach (var file in knownText.Keys.Where(f => !seen.ContainsKey(f)).ToList())
        {
            knownText.Remove(file);
        }

        lock (fileByDefinitionId)
        {
            fileByDefinitionId = files;
            definitionIdByFile = seen;
        }
        synchronizedOnce = true;
        return problems;
    }

    /// <summary>
    /// On a shared store, brings this node's folder up to the store: every published policy's file holds its published
    /// version, a retracted policy's file says unpublished, a deleted policy's file goes. A file changed on disk and not
    /// imported yet is left for the import. Does nothing unless this node writes the folder.
    /// </summary>
    public async Task ReconcileWithStoreAsync(CancellationToken cancellationToken = default)
    {
        using var _ = await writeLock.AcquireAsync(cancellationToken);
        if (!WritesFolder)
        {
            return;
        }

        var live = (await store.ListAsync(VersionOptions.Published, cancellationToken)).ToDictionary(d => d.DefinitionId, StringComparer.Ordinal);
        foreach (var definition in live.Values)
        {
            var asFile = AsFile(definition, isPublished: true);
            if (FileOf(definition.DefinitionId) is { } file)
            {
                var text = folder.ReadText(file);
                if (text is not null && text != knownText.GetValueOrDefault(file))
                {
                    continue;
                }

                if (text == WorkflowFolder.TextOf(asFile))
                {
                    continue;
                }
            }
            WriteFileLocked(asFile);
        }

        List<KeyValuePair<string, string>> others;
        lock (fileByDefinitionId)
        {
            others = fileByDefinitionId.Where(f => !live.ContainsKey(f.Key)).ToList();
        }

        foreach (var (definitionId, file) in others)
        {
            var text = folder.ReadText(file);
            if (text is null || text != knownText.GetValueOrDefault(file))
            {
                continue;
            }

            if ((await store.ListVersionsAsync(definitionId, cancellationToken)).Count == 0)
            {
                DeleteFile(definitionId);
                continue;
            }

            var read = folder.Read(file);
            if (read.Definition is { IsPublished: true } stale)
            {
                WriteFileLocked(AsFile(stale, isPublished: false));
            }
        }
    }

    /// <summary>Writes the published (or retracted) version to its file. The caller holds the write lock.</summary>
    public string? WriteFile(WorkflowDefinition definition) => WriteFile(definition, out _);

    /// <param name="definition">The version to write.</param>
    /// <param name="undo">Puts the folder back as it was before this write, for a store save that fails after it.</param>
    /// <returns>The file written; null when this node does not write the folder (another node leads).</returns>
    public string? WriteFile(WorkflowDefinition definition, out Action undo)
    {
        undo = static () => { };
        if (!WritesFolder)
        {
            return null;
        }

        var existing = FileOf(definition.DefinitionId);
        var before = existing is null ? null : folder.ReadText(existing);
        var knownBefore = existing is null ? null : knownText.GetValueOrDefault(existing);
        var file = WriteFileLocked(definition);
        undo = () =>
        {
            folder.Restore(file, before);
            if (knownBefore is null)
            {
                knownText.Remove(file);
            }
            else
            {
                knownText[file] = knownBefore;
            }

            if (existing is not null)
            {
                return;
            }

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
        if (!WritesFolder)
        {
            return;
        }

        var file = FileOf(definitionId);
        if (file is null)
        {
            return;
        }

        folder.Delete(file);
        knownText.Remove(file);
        lock (fileByDefinitionId)
        {
            fileByDefinitionId.Remove(definitionId);
            definitionIdByFile.Remove(file);
        }
    }

    private string WriteFileLocked(WorkflowDefinition definition)
    {
        var file = folder.Write(definition, FileOf(definition.DefinitionId));
        knownText[file] = WorkflowFolder.TextOf(definition);
        lock (fileByDefinitionId)
        {
            fileByDefinitionId[definition.DefinitionId] = file;
            definitionIdByFile[file] = definition.DefinitionId;
        }

        return file;
    }

    /// <summary>A file holds a version as it was when published: the latest one then.</summary>
    private static WorkflowDefinition AsFile(WorkflowDefinition version, bool isPublished)
    {
        var copy = version.Clone();
        copy.IsLatest = true;
        copy.IsPublished = isPublished;
        return copy;
    }

    /// <summary>Whether the store has this version number or a later one of the definition: then the file is an old copy.</summary>
    private async Task<bool> StoreHasNewerAsync(WorkflowDefinition file, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(file.DefinitionId, cancellationToken);
        return versions.Count > 0 && versions.Max(v => v.Version) >= file.Version;
    }

    private async Task RetractAsync(string definitionId, CancellationToken cancellationToken)
    {
        await store.SaveAsync(DefinitionVersioning.Retract(await store.ListVersionsAsync(definitionId, cancellationToken)), cancellationToken);
        await runtime.TakeOffLiveAsync(definitionId, cancellationToken);
    }

    private async Task ApplyAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definition.DefinitionId, cancellationToken);
        var changed = DefinitionVersioning.FromFile(versions, definition);
        if (changed.Count > 0)
        {
            await store.SaveAsync(changed, cancellationToken);
        }

        if (definition.IsPublished)
        {
            await runtime.GoLiveAsync(definition, cancellationToken);
        }
        else
        {
            await runtime.TakeOffLiveAsync(definition.DefinitionId, cancellationToken);
        }
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
        if (!definition.IsPublished)
        {
            return null;
        }

        var errors = DefinitionEditor.Validate(validators, definition);
        return errors.Count == 0 ? null : new WorkflowFileProblem(file, ActivityNamedIn(errors[0]), string.Join("; ", errors));
    }

    /// <summary>Validators start a message about one activity with "activity &lt;name&gt;:".</summary>
    private static string? ActivityNamedIn(string error) =>
        error.StartsWith("activity ", StringComparison.Ordinal) && error.IndexOf(':') is > 9 and var colon ? error[9..colon] : null;
}
