using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Dispatch;
using EscalationStudio.Policies.Tests.Runtime;
using EscalationStudio.Policies.Tests.Samples;
using EscalationStudio.Policies.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EscalationStudio.Policies.Tests.Timers;

/// <summary>The production wiring: Quartz fires the job that resumes a due timer bookmark; the dispatcher runs in the background.</summary>
public sealed class QuartzTimerTests
{
    [Fact]
    public async Task An_overdue_timer_is_fired_by_quartz_and_the_wait_times_out()
    {
        var tagged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = new PolicyHarness(Brightline.Org, Brightline.MondayNineBerlin, useQuartz: true, configure: services =>
        {
            services.AddSingleton<IHostApplicationLifetime, RunningTimers.StartedLifetime>();
            services.AddSingleton<TimerLag>();
            services.AddSingleton<ITicketEventObserver>(new TagWatcher("not-solved-in-time", tagged));
        });
        Assert.IsType<QuartzTimerBackend>(harness.Services.GetRequiredService<ITimerBackend>());
        await using var timers = await RunningTimers.StartAsync(harness.Services);
        await harness.PublishAsync(new PolicyFlow("quartz", "Quartz", "")
            .Node("Start", "TicketCreated", startsWorkflow: true)
            .Node("Wait", "WaitForTicket", new Dictionary<string, object> { ["condition"] = "Solved", ["timeout"] = "1m" })
            .Node("Late", "AddTag", new Dictionary<string, object> { ["tag"] = "not-solved-in-time" })
            .Connect("Start", "Done", "Wait")
            .Connect("Wait", "TimedOut", "Late")
            .Build());
        await harness.Desk.CreateAsync(new NewTicket("Quartz", "Quartz", new NewTicketRequester("Maria", "maria@example.com"), TicketChannel.Email), Actor.System);
        await harness.Services.GetRequiredService<PolicyEventQueue>().WhenIdleAsync();

        // Quartz takes the host's TimeProvider, so moving the fake clock past the due time makes its scheduler fire.
        for (var minute = 0; minute < 3 && !tagged.Task.IsCompleted; minute++)
        {
            harness.Clock.Advance(TimeSpan.FromMinutes(1));
            await Task.WhenAny(tagged.Task, Task.Delay(TimeSpan.FromSeconds(2)));
        }

        await tagged.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class TagWatcher(string tag, TaskCompletionSource seen) : ITicketEventObserver
    {
        public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
        {
            if (events.Any(e => e.Type == TicketEventType.TagAdded && e[TicketEventData.Tag] == tag))
            {
                seen.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }
    }
}
