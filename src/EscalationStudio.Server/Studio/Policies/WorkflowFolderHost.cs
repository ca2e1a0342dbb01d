using EscalationStudio.Workflows.Definitions.Files;

namespace EscalationStudio.Server.Studio.Policies;

/// <summary>
/// Loads the published policies from <c>workflows/</c> when the server starts, then watches the folder so that a
/// git pull or a hand edit goes live without a restart. Files that cannot be used are logged and skipped.
/// </summary>
internal sealed partial class WorkflowFolderHost(
    WorkflowFolderSync sync, WorkflowFolderWatcher watcher, LivePolicyRuntime runtime, ILogger<WorkflowFolderHost> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.Attach();
        watcher.Synchronized += (_, problems) => Report(problems);
        watcher.Failed += (_, exception) => LogSyncFailed(exception, sync.Folder.Path);
        Report(await sync.SynchronizeAsync(cancellationToken));
        watcher.Start();
        LogWatching(sync.Folder.Path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report(IReadOnlyList<WorkflowFileProblem> problems)
    {
        foreach (var problem in problems)
            LogSkipped(problem.File, problem.Activity ?? "-", problem.Reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped policy file {File} (activity {Activity}): {Reason}")]
    private partial void LogSkipped(string file, string activity, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not re-read the policies in {Folder}")]
    private partial void LogSyncFailed(Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Folder} for policy changes")]
    private partial void LogWatching(string folder);
}
