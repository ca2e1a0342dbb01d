using System.Diagnostics.Metrics;
using EscalationStudio.Policies.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace EscalationStudio.Policies.Tests.Timers;

/// <summary>
/// Starts a harness's hosted services (Quartz, the dispatcher, timer recovery) as a host would, records every timer lag
/// its <see cref="TimerLag"/> reports, and stops them again on dispose.
/// </summary>
internal sealed class RunningTimers : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private readonly List<IHostedService> _hosted;
    private readonly MeterListener _listener = new();
    private readonly List<double> _lagsMs = [];

    private RunningTimers(IServiceProvider services)
    {
        Services = services;
        _hosted = services.GetServices<IHostedService>().ToList();
        var meter = services.GetRequiredService<TimerLag>().Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == meter && instrument.Name == TimerLag.InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, lagMs, _, _) =>
        {
            lock (_lagsMs)
            {
                _lagsMs.Add(lagMs);
            }
        });
        _listener.Start();
    }

    public IServiceProvider Services { get; }

    public IReadOnlyList<double> LagsMs
    {
        get
        {
            lock (_lagsMs)
            {
                return _lagsMs.ToList();
            }
        }
    }

    public static async Task<RunningTimers> StartAsync(IServiceProvider services)
    {
        var running = new RunningTimers(services);
        foreach (var service in running._hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return running;
    }

    /// <summary>The names of the due-slot triggers Quartz holds.</summary>
    public async Task<IReadOnlyList<string>> TriggerNamesAsync()
    {
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(QuartzTimerBackend.Group))).Select(key => key.Name).ToList();
    }

    /// <summary>Waits in real time, as Quartz fires on its own threads, until the condition holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} within {WaitLimit.TotalSeconds} s");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(_hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }

        _listener.Dispose();
    }

    /// <summary>Already signalled: the application has started, so Quartz starts its scheduler at once.</summary>
    internal sealed class StartedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => new(canceled: true);

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
