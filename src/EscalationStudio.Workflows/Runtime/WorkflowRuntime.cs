using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.State;

namespace EscalationStudio.Workflows.Runtime;

/// <summary>
/// The hosted runtime (Elsa's StimulusSender + WorkflowResumer + TriggerIndexer): publishes definitions and indexes
/// their triggers, starts instances, matches stimuli against triggers (start) and bookmarks (resume), and persists
/// every run. Each instance runs under <see cref="IInstanceLock"/>, and is always resumed with the definition
/// version it started on.
/// </summary>
public sealed class WorkflowRuntime(
    WorkflowEngine engine,
    PublishedWorkflows definitions,
    IWorkflowInstanceStore instances,
    IBookmarkStore bookmarks,
    ITriggerStore triggers,
    IIncidentStore incidents,
    IInstanceLock instanceLock,
    IBookmarkScheduler? bookmarkScheduler = null,
    IDefinitionVersionSource? versionSource = null,
    IEnumerable<IWorkflowPublishObserver>? publishObservers = null,
    IWorkflowRunGuard? runGuard = null)
{
    private readonly IndexedTriggers _triggers = new(triggers, engine.TimeProvider);
    private readonly AdmittedTriggers? _admitted = runGuard is null ? null : new AdmittedTriggers(runGuard);

    public WorkflowEngine Engine => engine;
    public PublishedWorkflows Definitions => definitions;

    /// <summary>
    /// Validates a version and registers it. When it is published (<c>isPublished</c>), it becomes the published version
    /// of its definition and replaces the definition's triggers; a draft only becomes runnable by version id.
    /// </summary>
    public async ValueTask PublishAsync(WorkflowDefinition definition, CancellationToken cancellationToken = default)
    {
        var graph = engine.Materialize(definition, definitions);
        if (!graph.IsValid)
        {
            throw new WorkflowValidationException(definition.DefinitionId, graph.Problems);
        }

        if (!definition.IsPublished)
        {
            definitions.Add(definition);
            return;
        }

        // Indexed before the version is published here: a trigger that cannot be evaluated refuses the whole version.
        // A disabled policy is live with no triggers: nothing starts it, and switching it on again is a publish like any.
        var indexed = DefinitionStamps.IsDisabled(definition) ? [] : engine.GetTriggers(graph)
            .Select(t => new StoredTrigger(Guid.NewGuid().ToString("N"), definition.DefinitionId, definition.Id, t))
            .ToList();
        definitions.Publish(definition);
        await triggers.ReplaceAsync(definition.DefinitionId, indexed, cancellationToken);
        _triggers.Changed();
        foreach (var observer in publishObservers ?? [])
        {
            await observer.OnPublishedAsync(definition, indexed, cancellationToken);
        }
    }

    /// <summary>
    /// Makes a version published in the studio (saved there, read from <c>workflows/</c>, or published on another node)
    /// the live one of its definition, unless the definition runs that content already, so a node following the store
    /// re-indexes nothing. The runtime keeps a copy of its own. False when nothing changed.
    /// </summary>
    /// <exception cref="WorkflowValidationException">The version cannot run; the one live before stays live.</exception>
    public async ValueTask<bool> GoLiveAsync(WorkflowDefinition published, CancellationToken cancellationToken = default)
    {
        // Whether a newer draft exists (isLatest) is no part of what runs: a version read back from the store after a
        // draft was saved must not count as a change.
        var live = published.Clone();
        live.IsLatest = true;
        if (definitions.FindPublished(live.DefinitionId) is { } current && DefinitionVersioning.SameContent(current, live))
        {
            return false;
        }

        await PublishAsync(live, cancellationToken);
        return true;
    }

    /// <summary>Retracts a definition that is live; false when it was not.</summary>
    public async ValueTask<bool> TakeOffLiveAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        if (definitions.FindPublished(definitionId) is null)
        {
            return false;
        }

        await RetractAsync(definitionId, cancellationToken);
        return true;
    }

    /// <summary>Removes a definition's triggers; its versions stay registered so pinned instances keep running.</summary>
    public async ValueTask RetractAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        definitions.Retract(definitionId);
        await triggers.ReplaceAsync(definitionId, [], cancellationToken);
        _triggers.Changed();
    }

    /// <summary>
    /// The triggers of the published definitions, from memory: refreshed by this runtime's publish and retract, and
    /// re-read from the trigger store every few seconds for publishes made by other nodes. The same list instance is
    /// returned until it changes.
    /// </summary>
    public async ValueTask<IReadOnlyList<StoredTrigger>> ListTriggersAsync(CancellationToken cancellationToken = default)
    {
        var all = await _triggers.ListAsync(cancellationToken);
        return _admitted?.Of(all) ?? all;
    }

    public async Task<WorkflowRunResult> StartAsync(string definitionVersionId, StartWorkflowRequest? request = null, CancellationToken cancellationToken = default)
    {
        var definition = await FindVersionAsync(definitionVersionId, cancellationToken);
        request ??= new StartWorkflowRequest();
        var instanceId = request.InstanceId ?? WorkflowEngine.NewInstanceId();
        await using var held = request.InstanceId is null
            ? await instanceLock.AcquireNewAsync(instanceId, cancellationToken)
            : await instanceLock.AcquireAsync(instanceId, cancellationToken);
        return await RunStartAsync(definition, request with { InstanceId = instanceId }, request.InstanceId is null ? StoredInstance.New : StoredInstance.Unknown, cancellationToken);
    }

    /// <summary>
    /// Starts the instance <see cref="StartWorkflowRequest.InstanceId"/> unless it exists already; null then. A stimulus
    /// delivered again (a replay after a crash) so starts its instance once, when the id is derived from the stimulus.
    /// </summary>
    public async Task<WorkflowRunResult?> StartOnceAsync(string definitionVersionId, StartWorkflowRequest request, CancellationToken cancellationToken = default)
    {
        var instanceId = request.InstanceId ?? throw new ArgumentException("starting once needs the instance id", nameof(request));
        var definition = await FindVersionAsync(definitionVersionId, cancellationToken);
        await using var held = await instanceLock.AcquireAsync(instanceId, cancellationToken);
        if (await instances.FindAsync(instanceId, cancellationToken) is not null)
        {
            return null;
        }

        return await RunStartAsync(definition, request, StoredInstance.New, cancellationToken);
    }

    private async Task<WorkflowRunResult> RunStartAsync(WorkflowDefinition definition, StartWorkflowRequest request, StoredInstance stored, CancellationToken cancellationToken)
    {
        if (runGuard?.Admits(definition.DefinitionId) == false)
        {
            throw new WorkflowHeldException(definition.DefinitionId);
        }

        try
        {
            var result = await engine.StartAsync(definitions.GetGraph(definition, engine), request, cancellationToken);
            StimulusPositions.Record(result.State, request.Position);
            await PersistAsync(result, previous: null, stored, cancellationToken);
            return result;
        }
        catch (Exception error) when (runGuard is not null && RunFaults.IsTheRunsOwn(error))
        {
            await runGuard.RunFailedAsync(definition.DefinitionId, request.InstanceId!, error, cancellationToken);
            throw;
        }
    }

    /// <summary>Starts the published workflows whose trigger matches, then resumes the instances whose bookmark matches.</summary>
    public async Task<StimulusResult> SendStimulusAsync(Stimulus stimulus, CancellationToken cancellationToken = default)
    {
        var hash = stimulus.Hash;
        // Bookmarks are read first so an instance this stimulus starts is not also resumed by it.
        var waiting = (await bookmarks.FindByHashAsync(hash, cancellationToken))
            .Where(b => stimulus.CorrelationId is null || b.CorrelationId == stimulus.CorrelationId)
            .ToList();
        var started = new List<WorkflowRunResult>();
        foreach (var trigger in (await ListTriggersAsync(cancellationToken)).Where(t => t.Trigger.Hash == hash))
        {
            var input = new Dictionary<string, object?>(stimulus.Input ?? new Dictionary<string, object?>());
            if (stimulus.Name == StimulusNames.Event)
            {
                input[Event.PayloadInputKey] = stimulus.Input;
            }

            started.Add(await StartAsync(trigger.WorkflowDefinitionVersionId,
                new StartWorkflowRequest { Input = input, TriggerActivityId = trigger.Trigger.ActivityId, CorrelationId = stimulus.CorrelationId }, cancellationToken));
        }

        var resumed = new List<WorkflowRunResult>();
        foreach (var bookmark in waiting)
        {
            if (await ResumeAsync(bookmark.WorkflowInstanceId, bookmark.Bookmark.Id, stimulus.Input, cancellationToken) is { } result)
            {
                resumed.Add(result);
            }
        }

        return new StimulusResult(started, resumed);
    }

    /// <summary>Resumes one bookmark (a due timer, a task completed). Null when it is gone (already resumed).</summary>
    public async Task<WorkflowRunResult?> ResumeBookmarkAsync(string bookmarkId, object? input = null, CancellationToken cancellationToken = default) =>
        await bookmarks.FindAsync(bookmarkId, cancellationToken) is { } stored
            ? await ResumeAsync(stored.WorkflowInstanceId, bookmarkId, input, cancellationToken)
            : null;

    /// <summary>
    /// Resumes a bookmark as the store listed it (a due timer) without looking it up again by id. A bookmark whose
    /// instance no longer exists is deleted, so due-timer queries stop returning it; one resumed meanwhile is left alone.
    /// </summary>
    public Task<BookmarkResumption> ResumeAsync(StoredBookmark bookmark, object? input = null, CancellationToken cancellationToken = default) =>
        ResumeAsync(bookmark, input, position: null, cancellationToken);

    /// <summary>
    /// The same, for a stimulus with a place in an ordered stream (a ticket event's sequence): an instance that has
    /// already heard that position or a later one is left alone (<see cref="BookmarkResumptionOutcome.AlreadyHeard"/>),
    /// and a run records the position with the instance. Delivering a stream again from an earlier point (after a
    /// crash) so resumes each instance once per stimulus.
    /// </summary>
    public async Task<BookmarkResumption> ResumeAsync(StoredBookmark bookmark, object? input, long? position, CancellationToken cancellationToken = default)
    {
        var instanceId = bookmark.WorkflowInstanceId;
        if (IsHeld(definitions.FindByVersionId(bookmark.DefinitionVersionId)?.DefinitionId))
        {
            return new BookmarkResumption(BookmarkResumptionOutcome.Held, null);
        }

        await using var held = await instanceLock.AcquireAsync(instanceId, cancellationToken);
        if (await instances.FindAsync(instanceId, cancellationToken) is not { } state)
        {
            // An instance is saved before its bookmarks, under this lock: with no instance now, its bookmark rows are orphans for good.
            await bookmarks.ReplaceAsync(instanceId, [], cancellationToken);
            return new BookmarkResumption(BookmarkResumptionOutcome.InstanceGone, null);
        }

        if (IsHeld(state.DefinitionId))
        {
            return new BookmarkResumption(BookmarkResumptionOutcome.Held, null);
        }

        if (StimulusPositions.HasHeard(state, position))
        {
            return new BookmarkResumption(BookmarkResumptionOutcome.AlreadyHeard, null);
        }

        if (await ResumeHeldAsync(state, bookmark.Bookmark.Id, input, cancellationToken, position) is { } result)
        {
            return new BookmarkResumption(BookmarkResumptionOutcome.Resumed, result);
        }

        // Normally the row went when the bookmark was burnt; a crash between saving the instance and its bookmarks leaves
        // it behind, and a due timer would then be listed again and again. The state read under the lock is the truth.
        await bookmarks.ReplaceAsync(state.Id, StoredBookmarksOf(state), cancellationToken);
        return new BookmarkResumption(BookmarkResumptionOutcome.AlreadyResumed, null);
    }

    /// <summary>Cancels a running or waiting instance (e.g. its ticket was closed). Null when it does not exist.</summary>
    public async Task<WorkflowRunResult?> CancelAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var held = await instanceLock.AcquireAsync(instanceId, cancellationToken);
        if (await instances.FindAsync(instanceId, cancellationToken) is not { } state)
        {
            return null;
        }

        var definition = await FindVersionAsync(state.DefinitionVersionId, cancellationToken);
        var result = engine.Cancel(definitions.GetGraph(definition, engine), state);
        await PersistAsync(result, state, StoredInstance.Existing, cancellationToken, isRun: false);
        return result;
    }

    public ValueTask<WorkflowState?> FindInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        instances.FindAsync(instanceId, cancellationToken);

    private async Task<WorkflowRunResult?> ResumeAsync(string instanceId, string bookmarkId, object? input, CancellationToken cancellationToken)
    {
        await using var held = await instanceLock.AcquireAsync(instanceId, cancellationToken);
        // Re-read under the lock: another stimulus may have resumed (and burnt) this bookmark meanwhile.
        var state = await instances.FindAsync(instanceId, cancellationToken);
        return state is null ? null : await ResumeHeldAsync(state, bookmarkId, input, cancellationToken);
    }

    /// <summary>Resumes an instance read under its lock; null when the bookmark is no longer among its bookmarks.</summary>
    private async Task<WorkflowRunResult?> ResumeHeldAsync(WorkflowState state, string bookmarkId, object? input, CancellationToken cancellationToken, long? position = null)
    {
        if (state.Bookmarks.All(b => b.Id != bookmarkId) || IsHeld(state.DefinitionId))
        {
            return null;
        }

        try
        {
            var definition = await FindVersionAsync(state.DefinitionVersionId, cancellationToken);
            var result = await engine.ResumeAsync(definitions.GetGraph(definition, engine), state, bookmarkId, input, cancellationToken);
            StimulusPositions.Record(result.State, position);
            await PersistAsync(result, state, StoredInstance.Existing, cancellationToken);
            return result;
        }
        catch (Exception error) when (runGuard is not null && RunFaults.IsTheRunsOwn(error))
        {
            await runGuard.RunFailedAsync(state.DefinitionId, state.Id, error, cancellationToken);
            throw;
        }
    }

    private async ValueTask PersistAsync(WorkflowRunResult result, WorkflowState? previous, StoredInstance stored, CancellationToken cancellationToken, bool isRun = true)
    {
        var state = result.State;
        if (instances is IWorkflowRunStore runs)
        {
            await runs.SaveRunAsync(state, StoredBookmarksOf(state), stored, cancellationToken);
        }
        else
        {
            await instances.SaveAsync(state, cancellationToken);
            await bookmarks.ReplaceAsync(state.Id, StoredBookmarksOf(state), cancellationToken);
        }

        var newIncidents = state.Incidents.Skip(previous?.Incidents.Count ?? 0).ToList();
        if (newIncidents.Count > 0)
        {
            await incidents.AddAsync(state.Id, newIncidents, cancellationToken);
        }

        if (bookmarkScheduler is not null)
        {
            var before = previous?.Bookmarks.Select(b => b.Id).ToHashSet() ?? [];
            var after = state.Bookmarks.Select(b => b.Id).ToHashSet();
            foreach (var removed in before.Except(after))
            {
                await bookmarkScheduler.UnscheduleAsync(removed, cancellationToken);
            }

            foreach (var added in state.Bookmarks.Where(b => b.DueAt is not null && !before.Contains(b.Id)))
            {
                await bookmarkScheduler.ScheduleAsync(new StoredBookmark(added, state.Id, state.DefinitionVersionId, state.CorrelationId), cancellationToken);
            }
        }

        // Last, so a run is reported once: saved and scheduled, or (having thrown before here) failed.
        if (isRun && runGuard is not null)
        {
            await runGuard.RunSavedAsync(result, previous, cancellationToken);
        }
    }

    private bool IsHeld(string? definitionId) => definitionId is not null && runGuard?.Admits(definitionId) == false;

    private static List<StoredBookmark> StoredBookmarksOf(WorkflowState state) =>
        state.Bookmarks.Select(b => new StoredBookmark(b, state.Id, state.DefinitionVersionId, state.CorrelationId)).ToList();

    private async ValueTask<WorkflowDefinition> FindVersionAsync(string definitionVersionId, CancellationToken cancellationToken)
    {
        if (definitions.FindByVersionId(definitionVersionId) is { } known)
        {
            return known;
        }

        if (versionSource is not null && await versionSource.FindVersionAsync(definitionVersionId, cancellationToken) is { } loaded)
        {
            definitions.Add(loaded);
            return loaded;
        }

        throw new InvalidOperationException($"Definition version {definitionVersionId} is not registered with the runtime.");
    }
}
