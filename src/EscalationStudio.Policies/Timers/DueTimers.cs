using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Timers;

/// <summary>
/// Fires every timer bookmark due by a given instant. Quartz jobs call it for one bookmark; tests and the
/// <c>simulate</c> replay call it with a fake clock's time, so due-time computation and firing are tested without sleeping.
/// </summary>
public sealed class DueTimers(WorkflowRuntime runtime, IBookmarkStore bookmarks)
{
    /// <returns>How many instances were resumed.</returns>
    public async Task<int> FireDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var fired = 0;
        foreach (var due in (await bookmarks.ListDueAsync(now, cancellationToken)).OrderBy(b => b.Bookmark.DueAt))
        {
            if (await runtime.ResumeBookmarkAsync(due.Bookmark.Id, null, cancellationToken) is not null)
            {
                fired++;
            }
        }

        return fired;
    }

    public async Task<bool> FireAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        await runtime.ResumeBookmarkAsync(bookmarkId, null, cancellationToken) is not null;
}
