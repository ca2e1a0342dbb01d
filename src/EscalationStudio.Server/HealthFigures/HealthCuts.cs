using System.Globalization;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Server.Validation;
using FluentValidation;

namespace EscalationStudio.Server.HealthFigures;

/// <summary>
/// The texts of the figures' cuts, as the metrics route and the ticket list read them: instants (a date alone is a
/// whole UTC day), yes/no values, periods and time zones; each rule names its field when the text is wrong.
/// </summary>
internal static class HealthCuts
{
    private static readonly string[] DateOnlyFormats = ["yyyy-MM-dd"];

    /// <summary>
    /// An instant in ISO 8601 (<c>2026-11-23T09:00:00Z</c>, an offset, or none for UTC), or a date alone: its start,
    /// or for the end of a range (<paramref name="end"/>) the start of the next day, so <c>to=2026-11-30</c> includes
    /// the 30th.
    /// </summary>
    public static bool TryParseInstant(string? text, bool end, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return text is null;
        }

        if (DateOnly.TryParseExact(text, DateOnlyFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(end ? 1 : 0);
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            && text.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            at = instant;
            return true;
        }

        return false;
    }

    public static bool TryParseYesNo(string? text, out bool? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (bool.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    public static bool TryFindZone(string? text, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        return text is null || TimeZoneInfo.TryFindSystemTimeZoneById(text, out zone!);
    }

    public static IRuleBuilderOptions<T, string?> IsInstant<T>(this IRuleBuilder<T, string?> rule, bool end) =>
        rule.Must(text => TryParseInstant(text, end, out _))
            .WithMessage((_, text) => $"'{text}' is not a date (2026-11-23) or an ISO 8601 time (2026-11-23T09:00:00Z)");

    public static IRuleBuilderOptions<T, string?> IsYesNo<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => TryParseYesNo(text, out _)).WithMessage((_, text) => $"'{text}' is not one of true, false");

    public static IRuleBuilderOptions<T, string?> IsId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || (text.Trim().Length > 0 && text.Length <= TicketLimits.IdLength))
            .WithMessage($"must be an id of 1 to {TicketLimits.IdLength} characters");

    /// <summary>From must be before to, when both are given and readable.</summary>
    public static bool InOrder(string? from, string? to) =>
        !TryParseInstant(from, end: false, out var start) || !TryParseInstant(to, end: true, out var stop)
        || start is null || stop is null || start < stop;

    public static HealthFilter Filter(string? from, string? to, string? tier, string? agent, string? policy, string? priority, string? channel, string? vip)
    {
        TryParseInstant(from, end: false, out var start);
        TryParseInstant(to, end: true, out var stop);
        TryParseYesNo(vip, out var isVip);
        return new HealthFilter
        {
            CreatedFrom = start,
            CreatedBefore = stop,
            Tier = NullIfBlank(tier),
            Agent = NullIfBlank(agent),
            Policy = NullIfBlank(policy),
            Priority = TicketText.TryParse<TicketPriority>(priority, out var p) ? p : null,
            Channel = TicketText.TryParse<TicketChannel>(channel, out var c) ? c : null,
            Vip = isVip,
        };
    }

    /// <summary>The same cuts as <c>GET /api/tickets</c> query parameters, for the ticket list behind a figure.</summary>
    public static string TicketQuery(HealthFilter filter)
    {
        var parts = new List<string>();
        Add("createdFrom", filter.CreatedFrom?.ToString("O", CultureInfo.InvariantCulture));
        Add("createdTo", filter.CreatedBefore?.ToString("O", CultureInfo.InvariantCulture));
        Add("wasInTier", filter.Tier);
        Add("agent", filter.Agent);
        Add("policy", filter.Policy);
        Add("priority", filter.Priority?.ToText());
        Add("channel", filter.Channel?.ToText());
        Add("vip", filter.Vip is { } vip ? (vip ? "true" : "false") : null);
        return string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
