using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.Hosting;

namespace EscalationStudio.Policies.Timers;

/// <summary>
/// Hands every stored timer bookmark to the timer backend at start, which arms what it lacks. The bookmarks are
/// durable (they live with the instances), so timers survive a restart whatever the backend kept; overdue ones fire
/// at once.
/// </summary>
internal sealed class TimerRecovery(IBookmarkStore bookmarks, ITimerBackend backend) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await backend.RearmAsync(await bookmarks.ListDueAsync(DateTimeOffset.MaxValue, cancellationToken), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
