using System.Globalization;
using System.Text.Json;
using EscalationStudio.Domain.Calendars;
using EscalationStudio.Domain.Delivery;
using static EscalationStudio.Domain.Org.OrgDirectoryFileModel;

namespace EscalationStudio.Domain.Org;

/// <summary>
/// Reads the org directory file that admins keep in git (<c>workflows/org/directory.json</c>). Every problem is
/// reported at once, each with its JSON path, so one edit fixes a file.
/// </summary>
public static class OrgDirectoryFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <param name="holidayFeeds">Reads the calendars' <c>holidayFeeds</c> (ICS); without it only inline holidays are loaded.</param>
    public static OrgDirectory Read(string path, IHolidayFeedReader? holidayFeeds = null) =>
        Parse(File.ReadAllText(path), path, holidayFeeds, Path.GetDirectoryName(Path.GetFullPath(path)));

    /// <param name="feedFolder">The folder feed paths are relative to (the org directory file's folder).</param>
    public static OrgDirectory Parse(string json, string source, IHolidayFeedReader? holidayFeeds = null, string? feedFolder = null)
    {
        OrgDirectoryFileModel? model;
        try
        {
            model = JsonSerializer.Deserialize<OrgDirectoryFileModel>(json, Options);
        }
        catch (JsonException e)
        {
            throw new OrgDirectoryFormatException(source, [$"{e.Path ?? "$"}: not valid JSON ({e.Message})"]);
        }

        if (model is null)
        {
            throw new OrgDirectoryFormatException(source, ["$: the file is empty"]);
        }

        var errors = new List<string>();
        var calendars = ReadCalendars(model.Calendars, new FeedContext(holidayFeeds, feedFolder ?? "."), errors);
        var tiers = ReadTiers(model.Tiers, calendars, errors);
        var agents = ReadAgents(model.Agents, tiers, errors);
        if (errors.Count > 0)
        {
            throw new OrgDirectoryFormatException(source, errors);
        }

        return new OrgDirectory(model.Name ?? Path.GetFileNameWithoutExtension(source), tiers, agents, calendars);
    }

    private static List<BusinessCalendar> ReadCalendars(List<CalendarModel?>? models, FeedContext feeds, List<string> errors)
    {
        var calendars = new List<BusinessCalendar>();
        foreach (var (model, i) in (models ?? []).Select((m, i) => (m, i)))
        {
            var at = $"calendars[{i}]";
            if (model is null || string.IsNullOrWhiteSpace(model.Id))
            {
                errors.Add($"{at}.id: required");
                continue;
            }

            if (string.IsNullOrWhiteSpace(model.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(model.TimeZone, out _))
            {
                errors.Add($"{at}.timeZone: '{model.TimeZone}' is not a known time zone (use an IANA id such as Europe/Berlin)");
            }

            var hours = new List<WorkingHours>();
            foreach (var (window, j) in (model.WeeklyHours ?? []).Select((w, j) => (w, j)))
            {
                var hoursAt = $"{at}.weeklyHours[{j}]";
                if (!Enum.TryParse<DayOfWeek>(window?.Day, ignoreCase: true, out var day))
                {
                    errors.Add($"{hoursAt}.day: '{window?.Day}' is not a weekday");
                    continue;
                }

                if (!TryReadTime(window!.Opens, out var opens) || !TryReadTime(window.Closes, out var closes) || closes <= opens)
                {
                    errors.Add($"{hoursAt}: opens/closes must be HH:mm times with opens before closes");
                    continue;
                }

                hours.Add(new WorkingHours(day, opens, closes));
            }

            var holidays = new List<Holiday>();
            foreach (var (holiday, j) in (model.Holidays ?? []).Select((h, j) => (h, j)))
            {
                if (!DateOnly.TryParseExact(holiday?.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    errors.Add($"{at}.holidays[{j}].date: '{holiday?.Date}' is not a yyyy-MM-dd date");
                    continue;
                }

                holidays.Add(new Holiday(date, holiday!.Name ?? "Holiday"));
            }

            holidays.AddRange(ReadFeeds(model.HolidayFeeds, at, feeds, errors));
            holidays = [.. holidays.GroupBy(h => h.Date).Select(g => g.First()).OrderBy(h => h.Date)];
            calendars.Add(new BusinessCalendar(model.Id, model.Name ?? model.Id, model.TimeZone ?? "UTC", hours, holidays));
        }

        AddDuplicateErrors(calendars.Select(c => c.Id), "calendars", errors);
        return calendars;
    }

    private static IEnumerable<Holiday> ReadFeeds(List<string?>? feedPaths, string at, FeedContext feeds, List<string> errors)
    {
        foreach (var (feed, j) in (feedPaths ?? []).Select((f, j) => (f, j)))
        {
            var feedAt = $"{at}.holidayFeeds[{j}]";
            if (string.IsNullOrWhiteSpace(feed))
            {
                errors.Add($"{feedAt}: a file path is required");
            }
            else if (feeds.Reader is null)
            {
                // A reader-less caller (a test fixture, a tool that only needs tiers and agents) gets the inline holidays.
                continue;
            }
            else if (feeds.Reader.TryRead(Path.GetFullPath(Path.Combine(feeds.Folder, feed)), out var imported, out var problem))
            {
                foreach (var holiday in imported)
                {
                    yield return holiday;
                }
            }
            else
            {
                errors.Add($"{feedAt}: {problem}");
            }
        }
    }

    private static List<Tier> ReadTiers(List<TierModel?>? models, List<BusinessCalendar> calendars, List<string> errors)
    {
        if (models is null || models.Count == 0)
        {
            errors.Add("tiers: at least one tier is required");
            return [];
        }

        var tiers = new List<Tier>();
        foreach (var (model, i) in models.Select((m, i) => (m, i)))
        {
            var at = $"tiers[{i}]";
            if (model is null || string.IsNullOrWhiteSpace(model.Id))
            {
                errors.Add($"{at}.id: required");
                continue;
            }

            var kind = TierKind.Level;
            if (model.Kind is not null && !Enum.TryParse(model.Kind, ignoreCase: true, out kind))
            {
                errors.Add($"{at}.kind: '{model.Kind}' must be 'level' or 'specialist'");
            }

            if (model.Level is null or < 1)
            {
                errors.Add($"{at}.level: a positive number is required (1 = first line)");
            }

            if (model.Calendar is not null && !calendars.Any(c => string.Equals(c.Id, model.Calendar, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"{at}.calendar: unknown calendar '{model.Calendar}'");
            }

            var authority = model.Authority;
            if (authority is { RefundCap: < 0 } or { CreditCap: < 0 })
            {
                errors.Add($"{at}.authority: caps cannot be negative");
            }

            tiers.Add(new Tier(
                model.Id,
                model.Name ?? model.Id,
                kind,
                model.Level ?? 1,
                authority is null
                    ? AuthorityLevel.None
                    : new AuthorityLevel(authority.RefundCap ?? 0, authority.CreditCap ?? 0, authority.MayCloseVipTickets, authority.MayApproveContractChanges, authority.MaySignOff),
                model.Calendar,
                model.Description,
                ReadDelivery(model.Delivery, $"{at}.delivery", ownAddress: null, errors),
                model.ManagedBy));
        }

        AddDuplicateErrors(tiers.Select(t => t.Id), "tiers", errors);
        foreach (var (model, i) in models.Select((m, i) => (m, i)))
        {
            if (model?.ManagedBy is { } managers && !tiers.Any(t => string.Equals(t.Id, managers, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"tiers[{i}].managedBy: unknown tier '{managers}'");
            }
        }

        return tiers;
    }

    private static List<Agent> ReadAgents(List<AgentModel?>? models, List<Tier> tiers, List<string> errors)
    {
        var agents = new List<Agent>();
        foreach (var (model, i) in (models ?? []).Select((m, i) => (m, i)))
        {
            var at = $"agents[{i}]";
            if (model is null || string.IsNullOrWhiteSpace(model.Id))
            {
                errors.Add($"{at}.id: required");
                continue;
            }

            if (string.IsNullOrWhiteSpace(model.Tier) || !tiers.Any(t => string.Equals(t.Id, model.Tier, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"{at}.tier: unknown tier '{model.Tier}' for agent '{model.Id}'");
            }

            if (string.IsNullOrWhiteSpace(model.Email) || !model.Email.Contains('@', StringComparison.Ordinal))
            {
                errors.Add($"{at}.email: a valid e-mail address is required for agent '{model.Id}'");
            }

            if (model.Capacity is < 0)
            {
                errors.Add($"{at}.capacity: cannot be negative");
            }

            agents.Add(new Agent(model.Id, model.Name ?? model.Id, model.Tier ?? string.Empty, model.Skills ?? [], model.Capacity ?? 10, model.Email ?? string.Empty, model.ChatHandle,
                ReadDelivery(model.Delivery, $"{at}.delivery", ownAddress: model.Email, errors)));
        }

        AddDuplicateErrors(agents.Select(a => a.Id), "agents", errors);
        return agents;
    }

    /// <param name="ownAddress">The agent's directory address, which <c>"email": true</c> means; null for a tier, which has none.</param>
    private static DeliveryTargets ReadDelivery(DeliveryModel? model, string at, string? ownAddress, List<string> errors)
    {
        if (model is null)
        {
            return DeliveryTargets.DeskOnly;
        }

        string? email = null;
        switch (model.Email)
        {
            case null or { ValueKind: JsonValueKind.Null or JsonValueKind.False }:
                break;
            case { ValueKind: JsonValueKind.True } when ownAddress is not null:
                email = ownAddress;
                break;
            case { ValueKind: JsonValueKind.True }:
                errors.Add($"{at}.email: a tier has no address of its own; give one, e.g. \"tier-2@example.com\"");
                break;
            case { ValueKind: JsonValueKind.String } text when text.GetString() is { } address && IsAddress(address):
                email = address.Trim();
                break;
            default:
                errors.Add($"{at}.email: '{model.Email}' is not an e-mail address{(ownAddress is null ? string.Empty : " (or true for the agent's own)")}");
                break;
        }

        var chat = model.Chat?.Trim();
        if (chat is not null && (chat.Length is 0 or > 64 || !chat.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            errors.Add($"{at}.chat: '{model.Chat}' is not a webhook name (letters, digits, '-', '_' or '.', at most 64; " +
                "the URL goes in the server's configuration, Escalation:Delivery:Chat:Webhooks)");
            chat = null;
        }

        return new DeliveryTargets(email, chat);
    }

    private static bool IsAddress(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < text.Length - 1 && text.Length <= 320 && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';');
    }

    private static bool TryReadTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static void AddDuplicateErrors(IEnumerable<string> ids, string collection, List<string> errors)
    {
        foreach (var duplicate in ids.GroupBy(id => id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{collection}: id '{duplicate.Key}' is used more than once");
        }
    }

    private sealed record FeedContext(IHolidayFeedReader? Reader, string Folder);
}
