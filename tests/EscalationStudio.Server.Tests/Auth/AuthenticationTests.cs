using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace EscalationStudio.Server.Tests.Auth;

public sealed class AuthenticationTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/api/tickets" },
        { "POST", "/api/tickets" },
        { "GET", $"/api/tickets/{Guid.Empty}" },
        { "GET", $"/api/tickets/{Guid.Empty}/timeline" },
        { "POST", $"/api/tickets/{Guid.Empty}/messages" },
        { "POST", $"/api/tickets/{Guid.Empty}/status" },
        { "POST", $"/api/tickets/{Guid.Empty}/assign" },
        { "POST", $"/api/tickets/{Guid.Empty}/escalate" },
        { "POST", $"/api/tickets/{Guid.Empty}/de-escalate" },
        { "POST", $"/api/tickets/{Guid.Empty}/csat" },
        { "POST", $"/api/tickets/{Guid.Empty}/priority" },
        { "POST", $"/api/tickets/{Guid.Empty}/tags" },
        { "POST", $"/api/tickets/{Guid.Empty}/approvals" },
        { "GET", "/api/org" },
        { "POST", "/api/org/reload" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_api_route_refuses_a_request_without_a_key_with_401(string method, string url)
    {
        var response = await server.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString());
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Every_api_route_refuses_an_unknown_key_with_401(string method, string url)
    {
        var client = server.ClientWithKey("not-a-configured-key-000000");

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Another_scheme_in_the_authorization_header_is_refused()
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EscalationServer.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/org")).StatusCode);
    }

    [Fact]
    public async Task Health_answers_anonymously()
    {
        var response = await server.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.ReadObjectAsync();
        Assert.Equal("Healthy", (string?)health["status"]);
        Assert.Contains("40 agents", (string?)health["orgDirectory"]);
    }

    [Theory]
    [InlineData(EscalationServer.AdminKey)]
    [InlineData(EscalationServer.ManagerKey)]
    [InlineData(EscalationServer.Tier1AgentKey)]
    public async Task Every_role_reads_tickets_and_the_org_directory(string key)
    {
        var client = server.ClientWithKey(key);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tickets")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/org")).StatusCode);
    }

    [Theory]
    [InlineData(EscalationServer.ManagerKey)]
    [InlineData(EscalationServer.Tier1AgentKey)]
    public async Task Only_admins_reload_the_org_directory(string key)
    {
        var response = await server.ClientWithKey(key).PostAsync("/api/org/reload", null);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_agent_key_cannot_post_as_the_customer()
    {
        var ticket = await server.Admin().CreateTicketAsync();

        var response = await server.ClientWithKey(EscalationServer.Tier1AgentKey)
            .PostAsync($"/api/tickets/{ticket.Id()}/messages", new { kind = "customer", body = "I am totally the customer" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("customer", (string?)problem["title"]);
    }

    [Fact]
    public async Task A_key_without_an_agent_appears_by_its_name_on_the_timeline()
    {
        var ticket = await server.ClientWithKey(EscalationServer.ManagerKey).CreateTicketAsync();

        var timeline = await (await server.Admin().GetAsync($"/api/tickets/{ticket.Id()}/timeline")).ReadArrayAsync();

        Assert.Equal("user:duty-manager", (string?)timeline[0]!["actor"]);
    }

    [Fact]
    public async Task An_agent_key_acts_as_its_agent()
    {
        var ticket = await server.ClientWithKey(EscalationServer.Tier1AgentKey).CreateTicketAsync();

        var timeline = await (await server.Admin().GetAsync($"/api/tickets/{ticket.Id()}/timeline")).ReadArrayAsync();

        Assert.Equal("agent:ana.kovac", (string?)timeline[0]!["actor"]);
    }
}
