using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Policies.Sla;

/// <summary>
/// Computes an SLA target's state from a ticket's events at a given instant. Pure: the same events, calendar and
/// instant always give the same answer, so live runs, replays and "what if the calendar changes" agree.
/// </summary>
internal static class SlaClock
{
    public static SlaState Evaluate(SlaTarget target, BusinessClock clock, IEnumerable<TicketEvent> events, DateTimeOffset now) =>
        Evaluate(target, clock, SlaHistory.Read(events, now), now);

    /// <summary>The same from the facts already read; <paramref name="history"/> holds no event after <paramref name="now"/>.</summary>
    public static SlaState Evaluate(SlaTarget target, BusinessClock clock, SlaHistory history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(clock);
        var problems = target.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"SLA target is invalid: {string.Join("; ", problems)}", nameof(target));
        }

        var periods = history.PeriodsOf(target.Metric);
        var warningPercents = target.WarningPercents.Distinct().Order().ToArray();
        if (periods.Count == 0)
        {
            return new SlaState(target, SlaPhase.NotStarted, null, TimeSpan.Zero, null, null,
                [.. warningPercents.Select(p => new SlaWarning(p, null, false))]);
        }

        var measure = new Measurement(clock, periods, history.PausesWhile(target.PausedWhile, now), now);
        var running = periods[^1].End is null;
        var phase = !running
            ? measure.Elapsed >= target.Target ? SlaPhase.Missed : SlaPhase.Achieved
            : target.PausedWhile.Contains(history.CurrentStatus) ? SlaPhase.Paused : SlaPhase.Running;

        var breachedAt = measure.Elapsed >= target.Target ? measure.InstantWhenElapsed(target.Target) : null;
        DateTimeOffset? dueAt = phase != SlaPhase.Running ? null : breachedAt ?? clock.Add(now, target.Target - measure.Elapsed);
        var warnings = warningPercents.Select(percent =>
        {
            var threshold = TimeSpan.FromTicks(target.Target.Ticks / 100 * percent + target.Target.Ticks % 100 * percent / 100);
            if (measure.Elapsed >= threshold)
            {
                return new SlaWarning(percent, measure.InstantWhenElapsed(threshold), Reached: true);
            }

            return new SlaWarning(percent, phase == SlaPhase.Running ? clock.Add(now, threshold - measure.Elapsed) : null, Reached: false);
        }).ToArray();

        return new SlaState(target, phase, periods[0].Start, measure.Elapsed, dueAt, breachedAt, warnings);
    }

    /// <summary>The business time inside the measured periods, and when a given amount of it had passed.</summary>
    private sealed class Measurement
    {
        private readonly BusinessClock _clock;
        private readonly IReadOnlyList<ClockPause> _pauses;
        private readonly (MeasuredPeriod Period, TimeSpan Elapsed)[] _periods;

        public Measurement(BusinessClock clock, IReadOnlyList<MeasuredPeriod> periods, IReadOnlyList<ClockPause> pauses, DateTimeOffset now)
        {
            _clock = clock;
            _pauses = pauses;
            _periods = [.. periods.Select(p => (p, clock.Elapsed(p.Start, p.End ?? now, pauses)))];
            Elapsed = _periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Elapsed);
        }

        public TimeSpan Elapsed { get; }

        public DateTimeOffset? InstantWhenElapsed(TimeSpan amount)
        {
            var counted = TimeSpan.Zero;
            foreach (var (period, elapsed) in _periods)
            {
                if (counted + elapsed >= amount)
                {
                    return _clock.Add(period.Start, amount - counted, _pauses);
                }

                counted += elapsed;
            }

            return null;
        }
    }
}
