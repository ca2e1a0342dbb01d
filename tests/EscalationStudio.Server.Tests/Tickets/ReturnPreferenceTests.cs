using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Tickets;

public sealed class ReturnPreferenceTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    private readonly HttpClient _admin = server.Admin();

    [Fact]
    public async Task A_write_with_prefer_return_minimal_answers_the_changed_state_without_the_conversation()
    {
        var ticket = await _admin.CreateTicketAsync();

        var response = await _admin.SendAsync(Minimal($"/api/tickets/{ticket.Id()}/messages", new { kind = "customer", body = "Still broken" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("return=minimal", string.Join(",", response.Headers.GetValues("Preference-Applied")));
        var state = await response.ReadObjectAsync();
        Assert.Equal(ticket.Id(), (string?)state["id"]);
        Assert.Equal(1, (int?)state["messageCount"]);
        Assert.Equal((int)ticket["version"]! + 1, (int?)state["version"]);
        Assert.Null(state["messages"]);
        Assert.Null(state["requester"]);
    }

    [Fact]
    public async Task A_new_ticket_with_prefer_return_minimal_is_201_with_its_location_and_state()
    {
        var response = await _admin.SendAsync(Minimal("/api/tickets", new
        {
            subject = "Minimal answer",
            requester = new { name = "Kim Lee", email = "kim.lee.minimal@example.com" },
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var state = await response.ReadObjectAsync();
        Assert.Equal($"/api/tickets/{state.Id()}", response.Headers.Location?.OriginalString);
        Assert.Equal("new", (string?)state["status"]);
        Assert.Null(state["subject"]);
    }

    [Fact]
    public async Task A_write_without_the_preference_answers_the_whole_ticket_and_a_customer_message_is_the_requesters()
    {
        var ticket = await _admin.CreateTicketAsync();

        var response = await _admin.PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "customer", body = "Any news?" });

        Assert.False(response.Headers.Contains("Preference-Applied"));
        var updated = await response.ReadObjectAsync();
        Assert.Equal($"customer:{ticket["requester"]!["id"]}", (string?)updated["messages"]![0]!["author"]);
        Assert.NotNull(updated["subject"]);
    }

    [Theory]
    [InlineData("return=representation")]
    [InlineData("respond-async")]
    [InlineData("return")]
    public async Task Other_preferences_are_ignored_and_answer_the_whole_ticket(string preference)
    {
        var ticket = await _admin.CreateTicketAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{ticket.Id()}/tags") { Content = JsonContent.Create(new { tag = "billing" }) };
        request.Headers.TryAddWithoutValidation("Prefer", preference);

        var updated = await (await _admin.SendAsync(request)).ReadObjectAsync();

        Assert.NotNull(updated["messages"]);
    }

    [Fact]
    public async Task Return_minimal_is_found_among_other_preferences_with_parameters()
    {
        var ticket = await _admin.CreateTicketAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tickets/{ticket.Id()}/priority") { Content = JsonContent.Create(new { priority = "high" }) };
        request.Headers.TryAddWithoutValidation("Prefer", "respond-async, RETURN = \"minimal\"; foo=bar");

        var state = await (await _admin.SendAsync(request)).ReadObjectAsync();

        Assert.Equal("high", (string?)state["priority"]);
        Assert.Null(state["messages"]);
    }

    private static HttpRequestMessage Minimal(string url, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Prefer", "return=minimal");
        return request;
    }
}
