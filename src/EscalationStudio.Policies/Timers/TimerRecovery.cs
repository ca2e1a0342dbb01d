using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.Hosting;

namespace EscalationStudio.Policies.Timers;

/// <summary>
/// Re-arms every stored timer bookmark at start. The bookmarks are durable (they live with the instances), so timers
/// survive a restart even with Quartz's in-memory store; overdue ones fire at once.
/// </summary>
public sealed class TimerRecovery(IBookmarkStore bookmarks, ITimerBackend backend) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await bookmarks.ListDueAsync(DateTimeOffset.MaxValue, cancellationToken))
        {
            if (stored.Bookmark.DueAt is { } due)
            {
                await backend.ScheduleAsync(stored.Bookmark.Id, due, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
