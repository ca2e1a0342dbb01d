using EscalationStudio.Domain.Calendars;

namespace EscalationStudio.Domain.Org;

/// <summary>
/// Reads a published holiday calendar (an ICS file) named by a calendar's <c>holidayFeeds</c> in the org directory.
/// The domain cannot parse ICS itself; the host supplies a reader.
/// </summary>
public interface IHolidayFeedReader
{
    /// <returns>False with <paramref name="problem"/> saying why when the feed cannot be used.</returns>
    bool TryRead(string path, out IReadOnlyList<Holiday> holidays, out string? problem);
}
