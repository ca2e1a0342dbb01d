using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Sla;

namespace EscalationStudio.Policies.Sandbox;

/// <summary>
/// The ticket a test run opens, and how long the run lets time pass afterwards. Built from the designer's run input
/// when given (any field may be left out), otherwise the classic hard case: a VIP customer asking for a refund.
/// </summary>
public sealed record SampleTicket(NewTicket Ticket, TimeSpan RunFor)
{
    public static readonly TimeSpan DefaultRunFor = TimeSpan.FromHours(24);

    public static SampleTicket Default { get; } = new(new NewTicket(
        "Refund for a double charge",
        "Hello, you charged my card twice this month. I want a refund of the second payment, and this is urgent: " +
        "if it is not sorted out this week I will cancel our contract.",
        new NewTicketRequester("Maria Lopez", "maria.lopez@lopez-gmbh.example", "Lopez GmbH", 48_000m, IsVip: true),
        TicketChannel.Email), DefaultRunFor);

    /// <summary>Reads the run input: subject, description, customerName, customerEmail, organisation, lifetimeValue,
    /// vip, channel, priority, tags, tier, runFor ("8h", "30m").</summary>
    /// <exception cref="SampleTicketException">A field has the wrong type or value; the message names it.</exception>
    public static SampleTicket From(JsonObject? input)
    {
        if (input is null || input.Count == 0)
        {
            return Default;
        }

        var sample = Default.Ticket;
        var requester = sample.Requester;
        return new SampleTicket(sample with
        {
            Subject = Text(input, "subject") ?? sample.Subject,
            Description = Text(input, "description") ?? sample.Description,
            Requester = requester with
            {
                Name = Text(input, "customerName") ?? requester.Name,
                Email = Text(input, "customerEmail") ?? requester.Email,
                Organisation = Text(input, "organisation") ?? requester.Organisation,
                LifetimeValue = Number(input, "lifetimeValue") ?? requester.LifetimeValue,
                IsVip = Flag(input, "vip") ?? requester.IsVip,
            },
            Channel = Choice(input, "channel", sample.Channel),
            Priority = Choice(input, "priority", sample.Priority),
            Tags = Tags(input) ?? sample.Tags,
            TierId = Text(input, "tier") ?? sample.TierId,
        }, Text(input, "runFor") is { } runFor
            ? DurationText.TryParse(runFor, out var span) && span <= TimeSpan.FromDays(31) ? span
                : throw new SampleTicketException("runFor", $"'{runFor}' is not a duration up to 744h; write e.g. 8h or 30m")
            : DefaultRunFor);
    }

    private static string? Text(JsonObject input, string field) => input[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>() is { Length: > 0 } text ? text : null,
        _ => throw new SampleTicketException(field, "must be text"),
    };

    private static decimal? Number(JsonObject input, string field) => input[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<decimal>(out var number) && number >= 0 => number,
        JsonValue value when value.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 => parsed,
        _ => throw new SampleTicketException(field, "must be a number of at least 0"),
    };

    private static bool? Flag(JsonObject input, string field) => input[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String && bool.TryParse(value.GetValue<string>(), out var flag) => flag,
        _ => throw new SampleTicketException(field, "must be true or false"),
    };

    private static T Choice<T>(JsonObject input, string field, T fallback) where T : struct, Enum =>
        Text(input, field) is not { } text ? fallback
        : Enum.TryParse<T>(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : throw new SampleTicketException(field, $"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");

    private static string[]? Tags(JsonObject input) => input["tags"] switch
    {
        null => null,
        JsonArray items when items.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String) => [.. items.Select(i => i!.GetValue<string>())],
        JsonValue value when value.GetValueKind() == JsonValueKind.String =>
            value.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        _ => throw new SampleTicketException("tags", "must be a list of text or comma-separated text"),
    };
}

/// <summary>A run input field that cannot make a sample ticket.</summary>
public sealed class SampleTicketException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;
}
