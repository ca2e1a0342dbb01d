using EscalationStudio.Persistence.Locks;
using EscalationStudio.Workflows.Definitions.Files;
using EscalationStudio.Workflows.Definitions.Store;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Server.Studio.Policies;

/// <summary>
/// Loads the published policies from <c>workflows/</c> when the server starts, then watches the folder so that a
/// git pull or a hand edit goes live without a restart. Files that cannot be used are logged and skipped.
/// </summary>
/// <remarks>
/// Nodes sharing a PostgreSQL database elect one leader with a database lock: only the leader imports its folder and
/// writes policy files, and every node follows the database (<see cref="DefinitionStoreFollower"/>, once a second), so
/// each runs the database's published versions. When the leader stops, another node takes the lock within a poll.
/// </remarks>
internal sealed partial class WorkflowFolderHost(
    WorkflowFolderSync sync,
    WorkflowFolderWatcher watcher,
    DefinitionStoreFollower follower,
    DatabaseLocks locks,
    TimeProvider time,
    ILogger<WorkflowFolderHost> logger)
    : IHostedService, IAsyncDisposable
{
    /// <summary>How often a node looks for other nodes' changes, and a node that is not leader tries to become it.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private const string LeaderLock = "workflows-folder-leader";

    private readonly CancellationTokenSource _stopping = new();
    private DatabaseLease? _leadership;
    private Task? _following;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        watcher.Synchronized += (_, problems) => Report(problems);
        watcher.Failed += (_, exception) => LogSyncFailed(exception, sync.Folder.Path);
        if (!locks.AcrossNodes)
        {
            Report(await sync.SynchronizeAsync(cancellationToken));
            watcher.Start();
            LogWatching(sync.Folder.Path);
            return;
        }

        sync.SharedStore = true;
        sync.WritesFolder = false;
        await TryToLeadAsync(cancellationToken);
        Report(await follower.CatchUpAsync(cancellationToken));
        _following = Task.Run(() => FollowAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_following is not null)
        {
            try
            {
                await _following.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await StepDownAsync();
    }

    // A host disposed without being stopped still lets go of the lead. The token source is left to the collector: the
    // test host may stop this service after disposing it.
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await StepDownAsync();
    }

    private async Task FollowAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, time, stopping);
                if (_leadership is { } leadership && !await leadership.IsHeldAsync(stopping))
                {
                    LogLeadershipLost(sync.Folder.Path);
                    await StepDownAsync();
                }

                if (_leadership is null)
                {
                    await TryToLeadAsync(stopping);
                }

                Report(await follower.CatchUpAsync(stopping));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be away for a moment: the next round tries again.
                LogFollowFailed(e);
            }
        }
    }

    private async Task TryToLeadAsync(CancellationToken cancellationToken)
    {
        if (await locks.TryLeaseAsync(LeaderLock, cancellationToken) is not { } lease)
        {
            return;
        }

        _leadership = lease;
        sync.WritesFolder = true;
        LogLeading(sync.Folder.Path);
        Report(await sync.SynchronizeAsync(cancellationToken));
        await sync.ReconcileWithStoreAsync(cancellationToken);
        watcher.Start();
    }

    private async Task StepDownAsync()
    {
        if (Interlocked.Exchange(ref _leadership, null) is not { } lease)
        {
            return;
        }

        sync.WritesFolder = false;
        watcher.Stop();
        await lease.DisposeAsync();
    }

    private void Report(IReadOnlyList<WorkflowFileProblem> problems)
    {
        foreach (var problem in problems)
        {
            LogSkipped(problem.File, problem.Activity ?? "-", problem.Reason);
        }
    }

    private void Report(IReadOnlyList<WorkflowValidationException> refused)
    {
        foreach (var refusal in refused)
        {
            LogRefused(refusal, refusal.DefinitionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped policy file {File} (activity {Activity}): {Reason}")]
    private partial void LogSkipped(string file, string activity, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The runtime refused published policy {DefinitionId}")]
    private partial void LogRefused(Exception exception, string definitionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not re-read the policies in {Folder}")]
    private partial void LogSyncFailed(Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for policy changes")]
    private partial void LogWatching(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "This node leads the nodes sharing the database: it imports and writes the policy files in {Folder}")]
    private partial void LogLeading(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "This node lost the lead (its database connection broke); it stops writing {Folder}")]
    private partial void LogLeadershipLost(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the shared policy store failed; trying again")]
    private partial void LogFollowFailed(Exception exception);
}
