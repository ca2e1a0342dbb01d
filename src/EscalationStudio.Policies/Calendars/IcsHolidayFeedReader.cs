using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Policies.Calendars;

/// <summary>
/// Reads the org directory's ICS holiday feeds. Recurring holidays are expanded from last year to a few years ahead
/// of today, which covers every SLA deadline and the replays of recent tickets. The server and the CLI read feeds with it.
/// </summary>
public sealed class IcsHolidayFeedReader(TimeProvider time) : IHolidayFeedReader
{
    public const int YearsAhead = 3;

    public bool TryRead(string path, out IReadOnlyList<Holiday> holidays, out string? problem)
    {
        holidays = [];
        try
        {
            var file = new FileInfo(path);
            if (!file.Exists)
            {
                problem = $"{path} does not exist";
                return false;
            }

            if (file.Length > HolidayFeed.MaxFeedCharacters * 4L)
            {
                problem = $"{path} is too large for a holiday calendar ({file.Length} bytes)";
                return false;
            }

            var year = time.GetUtcNow().Year;
            holidays = HolidayFeed.Read(File.ReadAllText(path), file.Name, new DateOnly(year - 1, 1, 1), new DateOnly(year + YearsAhead, 12, 31));
            problem = null;
            return true;
        }
        catch (HolidayFeedException e)
        {
            problem = e.Message;
            return false;
        }
        catch (IOException e)
        {
            problem = e.Message;
            return false;
        }
    }
}
