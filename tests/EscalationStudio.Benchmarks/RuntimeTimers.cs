using System.Diagnostics;
using System.Diagnostics.Metrics;
using EscalationStudio.Policies.Timers;
using EscalationStudio.Workflows.Bookmarks;
using EscalationStudio.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Benchmarks;

/// <summary>
/// Arms timer bookmarks the way the runtime does when an instance starts waiting (the bookmark saved through
/// <see cref="IBookmarkStore"/>, then handed to the host's <see cref="IBookmarkScheduler"/> = PolicyTimers → the
/// Quartz backend's due seconds), with due times spread over a window, and reads the lag of every fired timer from the
/// server's own histogram (<see cref="TimerLag"/>: due time → resumed by the runtime). The bookmarks name instances
/// that do not exist, so firing one costs the runtime's lookup and the deletion of the orphaned row, not a policy run.
/// </summary>
internal sealed class RuntimeTimers(IServiceProvider services)
{
    // The runtime saves bookmarks from several instances at once (dispatcher, timer jobs); a few callers also keep
    // the arming from being one core's EF round trips end to end.
    private const int Armers = 4;

    public async Task<TimerFigures> RunAsync(int count, TimeSpan lead, TimeSpan window)
    {
        var bookmarks = services.GetRequiredService<IBookmarkStore>();
        var timers = services.GetRequiredService<IBookmarkScheduler>();
        using var fired = new FiredTimers(services.GetRequiredService<TimerLag>().Meter);

        var managedBefore = ManagedBytes();
        var workingSetBefore = Environment.WorkingSet;
        var firstDue = DateTimeOffset.UtcNow + lead;
        var arming = Stopwatch.StartNew();
        // Arming stops when the first timer falls due, so the run ends by itself however slow the store is; the
        // figures then cover the timers armed (reported), not the count asked for.
        var next = -1;
        var armed = 0;
        await Task.WhenAll(Enumerable.Range(0, Armers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count && DateTimeOffset.UtcNow < firstDue; i = Interlocked.Increment(ref next))
            {
                var stored = new StoredBookmark(Timer($"bench-timer-{i}", firstDue + (window * i / count)), $"bench-instance-{i}", "bench-v1", null);
                await bookmarks.ReplaceAsync(stored.WorkflowInstanceId, [stored]);
                await timers.ScheduleAsync(stored);
                Interlocked.Increment(ref armed);
            }
        })));
        arming.Stop();
        fired.Expect(armed);
        var managedMb = (ManagedBytes() - managedBefore) / 1024.0 / 1024.0;
        var workingSetMb = (Environment.WorkingSet - workingSetBefore) / 1024.0 / 1024.0;

        // Stops by itself: every timer fired, or the window plus a minute passed.
        var giveUp = firstDue + window + TimeSpan.FromMinutes(1) - DateTimeOffset.UtcNow;
        await Task.WhenAny(fired.AllFired, Task.Delay(giveUp > TimeSpan.Zero ? giveUp : TimeSpan.Zero));
        var lags = fired.LagsMs;
        return new TimerFigures(RuntimeEventClock.Percentile(lags, 50), RuntimeEventClock.Percentile(lags, 99), lags.DefaultIfEmpty(double.NaN).Max(),
            managedMb, workingSetMb, armed, lags.Count, arming.Elapsed);
    }

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static Bookmark Timer(string id, DateTimeOffset due) => new()
    {
        Id = id,
        Name = "Escalation.SlaTimer",
        Hash = id,
        ActivityId = "FirstResponse",
        ActivityNodeId = "flowchart:FirstResponse",
        ActivityInstanceId = id,
        CreatedAt = DateTimeOffset.UtcNow,
        DueAt = due,
    };

    /// <summary>Collects the lag of every timer the host reports fired, from its <c>escalation.timers.lag</c> histogram.</summary>
    private sealed class FiredTimers : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<double> _lagsMs = [];
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _expected = int.MaxValue;

        public FiredTimers(Meter hostMeter)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == hostMeter && instrument.Name == TimerLag.InstrumentName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, lagMs, _, _) =>
            {
                int count;
                lock (_lagsMs)
                {
                    _lagsMs.Add(lagMs);
                    count = _lagsMs.Count;
                }

                if (count >= Volatile.Read(ref _expected))
                {
                    _all.TrySetResult();
                }
            });
            _listener.Start();
        }

        public Task AllFired => _all.Task;

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

        public void Expect(int armed)
        {
            Volatile.Write(ref _expected, armed);
            if (LagsMs.Count >= armed)
            {
                _all.TrySetResult();
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}

internal sealed record TimerFigures(double LagP50Ms, double LagP99Ms, double MaxLagMs, double ManagedMb, double WorkingSetMb, int Armed, int Fired, TimeSpan Arming);
