using EscalationStudio.Metrics.Summaries;

namespace EscalationStudio.Metrics.Health;

/// <summary>
/// Running counts over ticket summaries, turned into a report at the end. Each count follows the matching
/// <see cref="FigureDefinitions.Classify"/> case (the tests hold them to it); they are counted here in one pass
/// because classifying every ticket once per figure and key would cost a pass per key.
/// </summary>
internal sealed class HealthTally
{
    private readonly List<double> _wallHours = [];
    private readonly List<double> _businessHours = [];
    private readonly List<double> _reactionHours = [];
    private readonly SortedDictionary<int, int> _movesPerTicket = [];
    private readonly Dictionary<string, SlaCount> _sla = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Policy, int? Version), SourceCount> _byPolicy = [];
    private readonly Dictionary<string, SourceCount> _byTrigger = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LoadCount> _load = new(StringComparer.OrdinalIgnoreCase);
    private int _tickets, _escalated, _solved, _solvedInFirstTier, _deEscalated, _bounced, _pingPong, _reassigned, _reassignedMore;
    private int _policyEscalations, _manualEscalations, _manualTickets, _open;
    private CsatCount _csatEscalated, _csatNotEscalated;

    public void Add(TicketSummary t)
    {
        _tickets++;
        _movesPerTicket[t.Moves.Count] = _movesPerTicket.GetValueOrDefault(t.Moves.Count) + 1;
        _bounced += t.Moves.Count > 1 ? 1 : 0;
        _pingPong += t.PingPong ? 1 : 0;
        _reassigned += t.Reassignments > 0 ? 1 : 0;
        _reassignedMore += t.Reassignments > 1 ? 1 : 0;
        if (t.IsSolved)
        {
            _solved++;
            _solvedInFirstTier += t.Moves.Count == 0 ? 1 : 0;
        }

        if (t.Csat is { } score)
        {
            (t.IsEscalated ? ref _csatEscalated : ref _csatNotEscalated).Add(score);
        }

        if (t.IsEscalated)
        {
            AddEscalated(t);
        }

        foreach (var signals in t.Sla)
        {
            var count = _sla.GetValueOrDefault(signals.Metric);
            _sla[signals.Metric] = count with
            {
                Warnings = count.Warnings + signals.Warnings,
                WarnedTickets = count.WarnedTickets + (signals.Warnings > 0 ? 1 : 0),
                Breaches = count.Breaches + signals.Breaches,
                BreachedTickets = count.BreachedTickets + (signals.Breaches > 0 ? 1 : 0),
                EscalatedBeforeBreach = count.EscalatedBeforeBreach + (signals is { Breaches: > 0, EscalatedBeforeBreach: true } ? 1 : 0),
            };
        }

        if (t.IsOpen)
        {
            _open++;
            var load = _load.GetValueOrDefault(t.Tier, new LoadCount(0, t.CreatedAt));
            _load[t.Tier] = new LoadCount(load.Open + 1, t.CreatedAt < load.Oldest ? t.CreatedAt : load.Oldest);
        }
    }

    public EscalationHealthReport ToReport()
    {
        var policyTickets = _byPolicy.Values.Sum(s => s.Tickets);
        return new EscalationHealthReport(
            _tickets,
            new Ratio(_escalated, _tickets),
            new TimeToEscalateFigure(
                Durations(_wallHours, _escalated),
                Durations(_businessHours, _escalated),
                Durations(_reactionHours, _policyEscalations)),
            new Ratio(_solvedInFirstTier, _solved),
            _csatEscalated.ToFigure(),
            _csatNotEscalated.ToFigure(),
            new Ratio(_deEscalated, _escalated),
            new BounceFigure(new Ratio(_bounced, _tickets), new Ratio(_pingPong, _tickets), new SortedDictionary<int, int>(_movesPerTicket)),
            new ReassignmentFigure(new Ratio(_reassigned, _tickets), new Ratio(_reassignedMore, _tickets)),
            [.. _sla.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SlaFigure(
                s.Key,
                s.Value.Warnings,
                new Ratio(s.Value.WarnedTickets, _tickets),
                s.Value.Breaches,
                new Ratio(s.Value.BreachedTickets, _tickets),
                new Ratio(s.Value.EscalatedBeforeBreach, s.Value.BreachedTickets)))],
            new EscalationSources(
                [.. _byPolicy.OrderBy(s => s.Key.Policy, StringComparer.Ordinal).ThenBy(s => s.Key.Version)
                    .Select(s => new PolicySourceFigure(s.Key.Policy, s.Key.Version, s.Value.Escalations, new Ratio(s.Value.Tickets, _escalated)))],
                [.. _byTrigger.OrderBy(s => s.Key, StringComparer.Ordinal)
                    .Select(s => new TriggerSourceFigure(s.Key, s.Value.Escalations, new Ratio(s.Value.Tickets, _escalated)))],
                _manualEscalations,
                new Ratio(_manualTickets, _escalated)),
            [.. _load.OrderBy(l => l.Key, StringComparer.OrdinalIgnoreCase)
                .Select(l => new TierLoadFigure(l.Key, new Ratio(l.Value.Open, _open), l.Value.Oldest))]);
    }

    private void AddEscalated(TicketSummary t)
    {
        _escalated++;
        _deEscalated += t.DeEscalatedAfterEscalation ? 1 : 0;
        _wallHours.Add(t.TimeToEscalate!.Value.TotalHours);
        if (t.BusinessTimeToEscalate is { } business)
        {
            _businessHours.Add(business.TotalHours);
        }

        var moves = t.Moves;
        var manual = false;
        for (var i = 0; i < moves.Count; i++)
        {
            var move = moves[i];
            if (move.Kind != TierMoveKind.Escalation)
            {
                continue;
            }

            if (move.IsManual)
            {
                _manualEscalations++;
                manual = true;
                continue;
            }

            _policyEscalations++;
            if (move.Reaction is { } reaction)
            {
                _reactionHours.Add(reaction.TotalHours);
            }

            // A ticket counts once per source however often that source escalated it.
            var firstOfPolicy = !EarlierEscalation(moves, i, m => m.Policy == move.Policy && m.PolicyVersion == move.PolicyVersion);
            var source = _byPolicy.GetValueOrDefault((move.Policy!, move.PolicyVersion));
            _byPolicy[(move.Policy!, move.PolicyVersion)] = new SourceCount(source.Escalations + 1, source.Tickets + (firstOfPolicy ? 1 : 0));

            var trigger = FigureDefinitions.TriggerOf(move);
            var firstOfTrigger = !EarlierEscalation(moves, i, m => !m.IsManual && FigureDefinitions.TriggerOf(m) == trigger);
            source = _byTrigger.GetValueOrDefault(trigger);
            _byTrigger[trigger] = new SourceCount(source.Escalations + 1, source.Tickets + (firstOfTrigger ? 1 : 0));
        }

        _manualTickets += manual ? 1 : 0;
    }

    private static bool EarlierEscalation(IReadOnlyList<TierMove> moves, int before, Func<TierMove, bool> same)
    {
        for (var i = 0; i < before; i++)
        {
            if (moves[i].Kind == TierMoveKind.Escalation && same(moves[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static DurationFigure Durations(List<double> hours, int of)
    {
        hours.Sort();
        return new DurationFigure(new Ratio(hours.Count, of), Percentile(hours, 50), Percentile(hours, 90));
    }

    /// <summary>Nearest rank: the smallest value with at least <paramref name="percent"/> % of the values at or below it.</summary>
    internal static double? Percentile(IReadOnlyList<double> sorted, int percent) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];

    private record struct SlaCount(int Warnings, int WarnedTickets, int Breaches, int BreachedTickets, int EscalatedBeforeBreach);

    private record struct SourceCount(int Escalations, int Tickets);

    private record struct LoadCount(int Open, DateTimeOffset Oldest);

    private struct CsatCount
    {
        private int _rated, _sum, _high;

        public void Add(int score)
        {
            _rated++;
            _sum += score;
            _high += score >= 4 ? 1 : 0;
        }

        public readonly CsatFigure ToFigure() => new(_rated == 0 ? null : (double)_sum / _rated, new Ratio(_high, _rated));
    }
}
