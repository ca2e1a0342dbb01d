using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.Hosting;

namespace EscalationStudio.Policies.Timers;

/// <summary>
/// Re-arms every stored timer bookmark at start that the timer backend does not hold. The bookmarks are durable (they
/// live with the instances), so timers survive a restart even with Quartz's in-memory store; overdue ones fire at once.
/// With a persistent store only the gaps are re-armed (a bookmark saved just before a crash, before its timer was):
/// replacing a kept timer would rewrite every row at each start and could hand a timer Quartz is firing right now a
/// second trigger.
/// </summary>
public sealed class TimerRecovery(IBookmarkStore bookmarks, ITimerBackend backend) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var armed = await backend.ListArmedAsync(cancellationToken);
        foreach (var stored in await bookmarks.ListDueAsync(DateTimeOffset.MaxValue, cancellationToken))
        {
            if (stored.Bookmark.DueAt is { } due && !armed.Contains(stored.Bookmark.Id))
            {
                await backend.ScheduleAsync(stored.Bookmark.Id, due, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
