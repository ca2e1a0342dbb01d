namespace EscalationStudio.Domain.Calendars;

/// <summary>
/// An interval during which an SLA clock stands still, typically while the ticket waits on the customer.
/// </summary>
public readonly record struct ClockPause(DateTimeOffset Start, DateTimeOffset End)
{
    public bool IsEmpty => End <= Start;

    /// <summary>Sorted, non-overlapping, non-empty pauses, so the clock can walk them once in order.</summary>
    internal static ClockPause[] Normalize(IReadOnlyList<ClockPause>? pauses)
    {
        if (pauses is null || pauses.Count == 0)
        {
            return [];
        }

        var sorted = pauses.Where(p => !p.IsEmpty).OrderBy(p => p.Start).ToList();
        var merged = new List<ClockPause>(sorted.Count);
        foreach (var pause in sorted)
        {
            if (merged.Count > 0 && pause.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = last with { End = pause.End > last.End ? pause.End : last.End };
            }
            else
            {
                merged.Add(pause);
            }
        }

        return [.. merged];
    }
}
