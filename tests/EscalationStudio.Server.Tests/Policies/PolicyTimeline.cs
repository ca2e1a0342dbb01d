using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Policies;

/// <summary>Reading a ticket and its timeline the way a support manager's tool would: through the API.</summary>
internal static class PolicyTimeline
{
    public static async Task<JsonObject> TicketAsync(this HttpClient client, string id) =>
        await (await client.GetAsync($"/api/tickets/{id}")).ReadObjectAsync();

    public static async Task<List<JsonObject>> TimelineAsync(this HttpClient client, string id) =>
        [.. (await (await client.GetAsync($"/api/tickets/{id}/timeline")).ReadArrayAsync()).Select(e => e!.AsObject())];

    public static string? Type(this JsonObject entry) => (string?)entry["type"];

    public static string? Data(this JsonObject entry, string key) => (string?)entry["data"]?[key];

    public static DateTimeOffset OccurredAt(this JsonObject entry) => entry["occurredAt"]!.GetValue<DateTimeOffset>();

    public static bool IsEntry(this JsonObject entry, string kind) => entry.Type() == "timeline-entry" && entry.Data("kind") == kind;

    public static JsonObject Single(this List<JsonObject> timeline, string type) => Assert.Single(timeline, e => e.Type() == type);
}
