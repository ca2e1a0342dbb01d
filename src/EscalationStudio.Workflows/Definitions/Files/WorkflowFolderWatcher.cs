namespace EscalationStudio.Workflows.Definitions.Files;

/// <summary>
/// Re-reads <c>workflows/</c> shortly after files in it change (an editor save or a git pull writes in bursts, so
/// changes are debounced), which makes an edited, added or removed policy live without a restart.
/// </summary>
public sealed class WorkflowFolderWatcher : IDisposable
{
    public static readonly TimeSpan DefaultQuietPeriod = TimeSpan.FromMilliseconds(300);

    private readonly WorkflowFolderSync sync;
    private readonly ITimer debounce;
    private readonly TimeSpan quietPeriod;
    private readonly SemaphoreSlim running = new(1, 1);
    private FileSystemWatcher? watcher;

    public WorkflowFolderWatcher(WorkflowFolderSync sync, TimeProvider time, TimeSpan? quietPeriod = null)
    {
        this.sync = sync;
        this.quietPeriod = quietPeriod ?? DefaultQuietPeriod;
        debounce = time.CreateTimer(_ => _ = SynchronizeAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Raised after every re-read, with the files that were skipped (empty when all were fine).</summary>
    public event EventHandler<IReadOnlyList<WorkflowFileProblem>>? Synchronized;

    /// <summary>Raised when a re-read failed as a whole (for example, the database was unavailable).</summary>
    public event EventHandler<Exception>? Failed;

    public void Start()
    {
        Stop();
        Directory.CreateDirectory(sync.Folder.Path);
        watcher = new FileSystemWatcher(sync.Folder.Path)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        watcher.Error += (_, _) => Touch();
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>Stops watching (this node no longer holds the folder); <see cref="Start"/> watches again.</summary>
    public void Stop()
    {
        watcher?.Dispose();
        watcher = null;
        debounce.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Schedules a re-read after the quiet period; every further change postpones it.</summary>
    public void Touch() => debounce.Change(quietPeriod, Timeout.InfiniteTimeSpan);

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        if (e is RenamedEventArgs renamed && Relevant(renamed.OldFullPath) || Relevant(e.FullPath) || Directory.Exists(e.FullPath))
        {
            Touch();
        }
    }

    private bool Relevant(string fullPath) =>
        WorkflowFolder.IsPolicyFile(Path.GetRelativePath(sync.Folder.Path, fullPath).Replace('\\', '/'));

    private async Task SynchronizeAsync()
    {
        await running.WaitAsync();
        try
        {
            var problems = await sync.SynchronizeAsync();
            Synchronized?.Invoke(this, problems);
        }
        catch (Exception e)
        {
            Failed?.Invoke(this, e);
        }
        finally
        {
            running.Release();
        }
    }

    public void Dispose()
    {
        watcher?.Dispose();
        debounce.Dispose();
    }
}
