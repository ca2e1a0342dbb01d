using System.Net;

namespace EscalationStudio.Server.Tests.Studio;

[Collection(StudioServerCollection.Name)]
public sealed class StudioPagesTests(StudioServer server)
{
    [Fact]
    public async Task The_policy_list_sends_a_visitor_without_credentials_to_sign_in()
    {
        using var client = server.Anonymous();

        using var response = await client.GetAsync("studio");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/studio/sign-in", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_policy_list_accepts_the_ApiKey_header_and_shows_the_sample_policy()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        var html = await client.GetStringAsync("studio");

        Assert.Contains("Refund keyword", html);
        Assert.Contains("Announces tickets that mention a refund", html);
        Assert.Contains("href=\"/studio/workflows/refund-keyword\"", html);
        Assert.Contains("Published", html);
        Assert.Contains("New policy", html);
    }

    [Fact]
    public async Task An_agent_sees_the_list_without_the_new_policy_button()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        var html = await client.GetStringAsync("studio");

        Assert.Contains("Refund keyword", html);
        Assert.DoesNotContain("New policy</button>", html);
    }

    [Fact]
    public async Task Signing_in_with_a_valid_key_sets_an_HttpOnly_SameSite_Strict_cookie_that_opens_the_pages()
    {
        using var session = StudioSession.For(server.BaseAddress);

        using var signIn = await session.SignInAsync(StudioServer.ManagerKey, "/studio/workflows/refund-keyword");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/studio/workflows/refund-keyword", signIn.Headers.Location!.OriginalString);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("escalation-studio=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var response = await session.GetAsync("studio");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Refund keyword", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_in_with_an_unknown_key_shows_the_form_again_with_an_error()
    {
        using var session = StudioSession.For(server.BaseAddress);

        using var response = await session.SignInAsync("not-a-key-at-all-000000");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("That key is not valid", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(StudioSession.StudioCookie, session.Cookies.Keys);
    }

    [Fact]
    public async Task The_designer_page_hosts_the_editor_element_under_the_base_href_and_loads_nothing_from_outside()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        var html = await client.GetStringAsync("studio/workflows/refund-keyword");

        Assert.Contains("<base href=\"/studio/\">", html);
        Assert.Contains("<elsa-workflow-definition-editor definition-id=\"refund-keyword\"", html);
        Assert.Contains("data-api-path=\"/elsa/api\"", html);
        Assert.Contains("<script src=\"designer-endpoint.js\"></script>", html);
        // The product's one navigation: the designer's bar leads to the desk and the managers' dashboard as well.
        Assert.Contains("<a class=\"product-area\" href=\"/desk\">Desk</a>", html);
        Assert.Contains("<a class=\"product-area\" href=\"/manage/health\">Escalation health</a>", html);
        Assert.DoesNotContain("googleapis", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("http://", html);
    }

    [Fact]
    public async Task The_designer_page_of_an_unknown_policy_is_not_found()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var response = await client.GetAsync("studio/workflows/no-such-policy");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No policy no-such-policy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_API_key_header_wins_over_a_stale_cookie()
    {
        using var client = server.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "studio");
        request.Headers.Add("Cookie", "escalation-studio=stale");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", StudioServer.AgentKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task New_policy_creates_a_draft_and_opens_it_in_the_designer()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        using var response = await client.PostAsync("studio/policies", null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var definitionId = response.Headers.Location!.OriginalString["/studio/workflows/".Length..];
        var definition = await ElsaApi.GetJson(client, $"elsa/api/workflow-definitions/by-definition-id/{definitionId}");
        Assert.Equal("New policy", (string?)definition["name"]);
        Assert.False((bool)definition["isPublished"]!);
        Assert.Equal("Elsa.Flowchart", (string?)definition["root"]!["type"]);
    }

    [Fact]
    public async Task An_agent_may_not_create_a_policy()
    {
        using var client = server.ClientWithKey(StudioServer.AgentKey);

        using var response = await client.PostAsync("studio/policies", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
