using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EscalationStudio.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EscalationStudio.Server.Tests.BadInput;

/// <summary>
/// Text the database cannot store (NUL, lone surrogates, invalid UTF-8), bodies in other charsets and bodies that are
/// no form: a 4xx naming the field, never a 500, and nothing stored.
/// </summary>
public sealed class BadTextTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    public static TheoryData<string, string, string> NulInEveryTicketText => new()
    {
        { "/api/tickets", """{"subject":"Refund\u0000","requester":{"name":"Dana","email":"nul-1@example.com"}}""", "subject" },
        { "/api/tickets", """{"subject":"Refund","description":"x\u0000y","requester":{"name":"Dana","email":"nul-2@example.com"}}""", "description" },
        { "/api/tickets", """{"subject":"Refund","requester":{"name":"Da\u0000na","email":"nul-3@example.com"}}""", "requester.name" },
        { "/api/tickets", """{"subject":"Refund","requester":{"name":"Dana","email":"nul-4@example.com","organisation":"\u0000"}}""", "requester.organisation" },
        { "/api/tickets", """{"subject":"Refund","requester":{"name":"Dana","email":"nul-5@example.com"},"tags":["ok","v\u0000ip"]}""", "tags[1]" },
        { "/api/tickets/{id}/messages", """{"kind":"agent","body":"refund me\u0000"}""", "body" },
        { "/api/tickets/{id}/escalate", """{"reason":"\u0000"}""", "reason" },
        { "/api/tickets/{id}/status", """{"status":"open","note":"n\u0000"}""", "note" },
        { "/api/tickets/{id}/tags", """{"tag":"a\u0000"}""", "tag" },
        { "/api/tickets/{id}/assign", """{"agentId":"ana.kovac\u0000"}""", "agentId" },
    };

    [Theory]
    [MemberData(nameof(NulInEveryTicketText))]
    public async Task A_NUL_in_any_ticket_text_is_a_400_naming_the_field(string url, string json, string field)
    {
        using var client = server.Admin();
        var ticket = await client.CreateTicketAsync(email: "nul-target@example.com");
        var eventsBefore = await StoredEventsAsync();

        var response = await PostRawAsync(client, url.Replace("{id}", ticket.Id(), StringComparison.Ordinal), json);

        var message = await response.AssertInvalidFieldAsync(field);
        Assert.Contains("NUL", message, StringComparison.Ordinal);
        Assert.Equal(eventsBefore, await StoredEventsAsync());
    }

    [Fact]
    public async Task A_NUL_in_a_query_filter_is_a_400_naming_it()
    {
        using var client = server.Admin();

        var response = await client.GetAsync("/api/tickets?tag=%00");

        await response.AssertInvalidFieldAsync("tag");
    }

    [Theory]
    [InlineData("""{"kind":"agent","body":"\ud800"}""")]
    [InlineData("""{"kind":"agent","body":"x\udc00"}""")]
    public async Task A_lone_surrogate_in_a_ticket_body_is_a_400_naming_the_field(string json)
    {
        using var client = server.Admin();
        var ticket = await client.CreateTicketAsync(email: "lone@example.com");

        var response = await PostRawAsync(client, $"/api/tickets/{ticket.Id()}/messages", json);

        await response.AssertInvalidFieldAsync("body");
    }

    [Fact]
    public async Task Invalid_UTF8_in_a_ticket_body_is_a_400()
    {
        using var client = server.Admin();
        var ticket = await client.CreateTicketAsync(email: "utf8@example.com");
        byte[] body = [.. "{\"kind\":\"agent\",\"body\":\"a"u8, 0xFF, 0xC3, 0x28, .. "\"}"u8];

        var response = await PostBytesAsync(client, $"/api/tickets/{ticket.Id()}/messages", body, "application/json");

        await response.AssertInvalidFieldAsync("body");
    }

    [Theory]
    [InlineData("/api/tickets", "application/json; charset=bogus")]
    [InlineData("/api/tickets", "application/json; charset=\"\"")]
    [InlineData("/api/tickets", "application/json; charset=utf-16")]
    [InlineData("/elsa/api/workflow-definitions/import", "application/json; charset=latin1")]
    [InlineData("/elsa/api/workflow-definitions/sample/execute", "application/json; charset=bogus")]
    public async Task A_body_in_another_charset_is_a_415(string url, string contentType)
    {
        using var client = server.Admin();

        var response = await PostBytesAsync(client, url, "{}"u8.ToArray(), contentType);

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("UTF-8", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_charset_of_utf8_in_any_spelling_is_read()
    {
        using var client = server.Admin();

        var response = await PostBytesAsync(client, "/api/tickets", Encoding.UTF8.GetBytes(
            """{"subject":"Charset","requester":{"name":"Dana","email":"charset@example.com"}}"""), "application/json; charset=\"UTF-8\"");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("name", """{"definitionId":"lone-name","name":"\ud800","root":{"type":"Elsa.Flowchart","activities":[],"connections":[]}}""")]
    [InlineData("root.activities[0].text", """{"definitionId":"lone-deep","name":"Deep","root":{"type":"Elsa.Flowchart","activities":[{"text":"a\udc00"}],"connections":[]}}""")]
    [InlineData("description", """{"definitionId":"nul-description","name":"Nul","description":"a\u0000b"}""")]
    [InlineData("root", """{"definitionId":"twice","name":"Twice","root":{"type":"a","type":"b"}}""")]
    public async Task An_import_with_text_that_cannot_be_stored_is_a_400_naming_the_path(string field, string json)
    {
        using var client = server.Admin();

        var response = await PostRawAsync(client, "/elsa/api/workflow-definitions/import", json);

        await response.AssertInvalidFieldAsync(field);
    }

    [Fact]
    public async Task An_import_with_invalid_UTF8_is_a_400_naming_the_field()
    {
        using var client = server.Admin();
        byte[] body = [.. "{\"definitionId\":\"bad-utf8\",\"name\":\"x"u8, 0xED, 0xA0, 0x80, .. "\"}"u8];

        var response = await PostBytesAsync(client, "/elsa/api/workflow-definitions/import", body, "application/json");

        await response.AssertInvalidFieldAsync("name");
    }

    [Fact]
    public async Task A_test_run_with_a_lone_surrogate_in_its_input_is_a_400_naming_the_field()
    {
        using var client = server.Admin();
        var saved = await client.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = Studio.ElsaApi.NewPolicy("run-input", "Run input"), ["publish"] = false });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);

        var response = await PostRawAsync(client, "/elsa/api/workflow-definitions/run-input/execute", """{"input":{"subject":"\ud800"}}""");

        await response.AssertInvalidFieldAsync("input.subject");
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("application/json", "{\"key\":\"x\"}")]
    [InlineData("text/plain", "key=x")]
    [InlineData("multipart/form-data", "--b\r\n")]
    public async Task The_sign_in_post_without_a_form_is_a_4xx(string? contentType, string body)
    {
        using var client = server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await PostBytesAsync(client, "/studio/sign-in", Encoding.UTF8.GetBytes(body), contentType);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task An_unknown_versionOptions_is_a_problem_naming_it()
    {
        using var client = server.Admin();

        var response = await client.GetAsync("/elsa/api/workflow-definitions?versionOptions=Newest");

        await response.AssertInvalidFieldAsync("versionOptions");
    }

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string url, string json) =>
        PostBytesAsync(client, url, Encoding.UTF8.GetBytes(json), "application/json");

    private static async Task<HttpResponseMessage> PostBytesAsync(HttpClient client, string url, byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return await client.PostAsync(url, content);
    }

    private Task<int> StoredEventsAsync() =>
        server.InScopeAsync(sp => sp.GetRequiredService<EscalationDbContext>().TicketEvents.CountAsync());
}
