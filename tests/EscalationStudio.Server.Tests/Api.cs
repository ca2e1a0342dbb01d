using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests;

/// <summary>Small steps the API tests repeat: open a ticket, post JSON, read JSON, check a problem response.</summary>
internal static class Api
{
    public static async Task<JsonObject> CreateTicketAsync(
        this HttpClient client,
        string subject = "Cannot export invoices",
        string email = "dana.whitfield@example.com",
        bool vip = false,
        string? priority = null,
        string[]? tags = null,
        string? tier = null,
        string? owner = null)
    {
        var response = await client.PostAsJsonAsync("/api/tickets", new
        {
            subject,
            description = "The export button spins forever since this morning.",
            requester = new { name = "Dana Whitfield", email, organisation = "Whitfield Bakeries", lifetimeValue = 12000m, vip },
            channel = "email",
            priority,
            tags,
            tier,
            owner,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadObjectAsync();
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject)
        ?? throw new InvalidOperationException("expected a JSON object");

    public static async Task<JsonArray> ReadArrayAsync(this HttpResponseMessage response) =>
        (JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonArray)
        ?? throw new InvalidOperationException("expected a JSON array");

    public static string Id(this JsonObject ticket) => ticket["id"]!.GetValue<string>();

    /// <summary>Asserts a problem+json answer with the status and returns it.</summary>
    public static async Task<JsonObject> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadObjectAsync();
    }

    /// <summary>Asserts a 400 whose errors name <paramref name="field"/>, and returns that field's messages.</summary>
    public static async Task<string> AssertInvalidFieldAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]?.AsObject() ?? throw new Xunit.Sdk.XunitException($"no errors in {problem}");
        Assert.True(errors.ContainsKey(field), $"expected an error for '{field}' in {errors.ToJsonString()}");
        return string.Join(" ", errors[field]!.AsArray().Select(m => m!.GetValue<string>()));
    }
}
