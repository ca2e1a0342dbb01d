namespace EscalationStudio.Domain.Calendars;

/// <summary>
/// Turns a calendar's wall-clock times into instants. Around DST changes a wall-clock time may not exist
/// (spring forward) or exist twice (fall back); the rules below keep a window's real length honest.
/// </summary>
internal static class ZoneInstants
{
    // Longer than any real DST gap, shorter than the time between two transitions.
    private static readonly TimeSpan TransitionProbe = TimeSpan.FromHours(6);

    /// <summary>
    /// A skipped time maps to the instant the clocks jumped to (02:30 on a spring-forward night is 03:00 sharp
    /// plus 30 minutes of nothing, so it lands on 03:30 in the new offset, the same instant as 01:30 + 1h of UTC).
    /// A repeated time maps to its first occurrence when <paramref name="firstOccurrence"/> is set, else to its second.
    /// </summary>
    public static DateTimeOffset ToInstant(TimeZoneInfo zone, DateTime wallClock, bool firstOccurrence)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local - TransitionProbe);
        }
        else if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            offset = firstOccurrence ? offsets.Max() : offsets.Min();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local.Ticks - offset.Ticks, TimeSpan.Zero);
    }

    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
