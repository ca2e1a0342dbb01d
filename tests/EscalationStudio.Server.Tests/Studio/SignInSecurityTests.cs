using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>Sign-in and cookie-authenticated changes, attacked as another site or a broken client would.</summary>
[Collection(StudioServerCollection.Name)]
public sealed class SignInSecurityTests(StudioServer server)
{
    public static TheoryData<string> OffSiteReturnUrls => new()
    {
        "/\t/evil.example/",
        "/%09/evil.example/",
        "//evil.example/steal",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example/",
        "/studio\r\nLocation: https://evil.example/",
        "/studio\r\n\r\n<script>alert(1)</script>",
        "/studio/\n/evil.example",
        "/studio\\..\\..\\evil",
        " /studio",
        "javascript:alert(1)",
        "/api/tickets",
    };

    [Theory]
    [MemberData(nameof(OffSiteReturnUrls))]
    public async Task Sign_in_sends_a_return_address_that_is_not_a_plain_Studio_path_home(string returnUrl)
    {
        using var session = StudioSession.For(server.BaseAddress);

        using var response = await session.SignInAsync(StudioServer.ManagerKey, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/studio", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/studio")]
    [InlineData("/studio/workflows/refund-keyword")]
    [InlineData("/studio/runs?policy=refund-keyword")]
    public async Task Sign_in_returns_to_the_Studio_page_that_sent_the_person_there(string returnUrl)
    {
        using var session = StudioSession.For(server.BaseAddress);

        using var response = await session.SignInAsync(StudioServer.ManagerKey, returnUrl);

        Assert.Equal(returnUrl, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_sign_in_page_does_not_carry_an_off_site_return_address_into_its_form()
    {
        using var session = StudioSession.For(server.BaseAddress);

        using var response = await session.GetAsync("studio/sign-in?returnUrl=%2F%09%2Fevil.example%2F");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("name=\"returnUrl\" value=\"/studio\"", html);
        Assert.DoesNotContain("evil.example", html);
    }

    /// <summary>A sign-in post as a broken or hostile client sends it: the form token is there, the rest is not right.</summary>
    public static TheoryData<string, string?, byte[], int> BrokenSignIns => new()
    {
        { "no body", null, [], 415 },
        { "text/plain", "text/plain", Form("key=" + StudioServer.ManagerKey), 415 },
        { "JSON", "application/json", Encoding.UTF8.GetBytes($$"""{"key":"{{StudioServer.ManagerKey}}"}"""), 415 },
        { "bogus charset", "application/x-www-form-urlencoded; charset=bogus-charset", Form("key=" + StudioServer.ManagerKey), 415 },
        { "UTF-7", "application/x-www-form-urlencoded; charset=utf-7", Form("key=" + StudioServer.ManagerKey), 415 },
        { "UTF-16", "application/x-www-form-urlencoded; charset=utf-16", Form("key=" + StudioServer.ManagerKey), 415 },
        { "quoted bogus charset", "application/x-www-form-urlencoded; charset=\"x\"", Form("key=x"), 415 },
        { "lone surrogate, percent-encoded", FormType, Form("key=%ED%A0%80" + StudioServer.ManagerKey), 401 },
        { "lone surrogate, raw bytes", FormType, [.. Form("key="), 0xED, 0xA0, 0x80], 401 },
        { "invalid UTF-8, percent-encoded", FormType, Form("key=%FF%FE%C3"), 401 },
        { "invalid UTF-8, raw bytes", FormType, [.. Form("key="), 0xFF, 0xFE, 0xC3, 0x28], 401 },
        { "NUL and control characters", FormType, Form("key=%00%01%1B" + StudioServer.ManagerKey), 400 },
        { "no key field", FormType, Form("other=1"), 401 },
        { "a field name over the form limit", FormType, Form(new string('k', 5000) + "=1"), 400 },
        { "multipart without a boundary", "multipart/form-data", Form("key=x"), 400 },
        { "multipart garbage", "multipart/form-data; boundary=zz", [.. Encoding.ASCII.GetBytes("--zz\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n"), 0xFF, 0xFE], 400 },
    };

    private const string FormType = "application/x-www-form-urlencoded";

    [Theory]
    [MemberData(nameof(BrokenSignIns))]
    public async Task A_broken_sign_in_post_is_a_4xx_and_signs_nobody_in(string kind, string? contentType, byte[] body, int expected)
    {
        using var session = StudioSession.For(server.BaseAddress);
        var token = await session.FormTokenAsync("studio/sign-in");
        using var request = new HttpRequestMessage(HttpMethod.Post, "studio/sign-in");
        if (contentType is not null)
        {
            // The token rides in the query too, so the refusal is about the body, not a missing token.
            request.Content = new ByteArrayContent([.. Form($"{StudioSession.TokenField}={Uri.EscapeDataString(token)}&"), .. body]);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var response = await session.SendAsync(request);

        Assert.True((int)response.StatusCode == expected, $"{kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.DoesNotContain(StudioSession.StudioCookie, session.Cookies.Keys);
    }

    [Fact]
    public async Task Sign_in_without_the_page_token_is_refused()
    {
        using var session = StudioSession.For(server.BaseAddress);

        using var response = await session.PostFormAsync("studio/sign-in", new() { ["key"] = StudioServer.ManagerKey });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired or was not sent from this server", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(StudioSession.StudioCookie, session.Cookies.Keys);
    }

    [Fact]
    public async Task Sign_in_with_a_token_taken_from_another_browser_is_refused()
    {
        using var attacker = StudioSession.For(server.BaseAddress);
        var attackersToken = await attacker.FormTokenAsync("studio/sign-in");
        using var victim = StudioSession.For(server.BaseAddress);
        _ = await victim.FormTokenAsync("studio/sign-in");

        using var response = await victim.PostFormAsync("studio/sign-in", new() { [StudioSession.TokenField] = attackersToken, ["key"] = StudioServer.ManagerKey });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(StudioSession.StudioCookie, victim.Cookies.Keys);
    }

    [Fact]
    public async Task New_policy_through_the_cookie_needs_the_token_of_the_policy_list_page()
    {
        using var session = await SignedInAsync(StudioServer.ManagerKey);

        using var withoutToken = await session.PostFormAsync("studio/policies", []);
        var token = await session.FormTokenAsync("studio");
        using var withToken = await session.PostFormAsync("studio/policies", new() { [StudioSession.TokenField] = token });

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.StartsWith("/studio/workflows/", withToken.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_needs_the_page_token_and_then_removes_the_cookie()
    {
        using var session = await SignedInAsync(StudioServer.AgentKey);

        using var withoutToken = await session.PostFormAsync("studio/sign-out", []);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains(StudioSession.StudioCookie, session.Cookies.Keys);

        var token = await session.FormTokenAsync("studio");
        using var withToken = await session.PostFormAsync("studio/sign-out", new() { [StudioSession.TokenField] = token });
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.DoesNotContain(StudioSession.StudioCookie, session.Cookies.Keys);
    }

    /// <summary>Where a browser says a cookie-carrying change comes from: (Origin, Sec-Fetch-Site, Referer), null for none.</summary>
    public static TheoryData<string, string?, string?, string?> OtherSites => new()
    {
        { "another site", "http://evil.example", null, null },
        { "another port of this host", "http://127.0.0.1:1", null, null },
        { "an opaque origin", "null", null, null },
        { "another site by fetch metadata", null, "cross-site", null },
        { "a sibling site by fetch metadata", null, "same-site", null },
        { "fetch metadata against a forged-looking Origin", "{self}", "cross-site", null },
        { "no Origin and another site's Referer", null, null, "http://evil.example/page" },
        { "nothing at all", null, null, null },
    };

    [Theory]
    [MemberData(nameof(OtherSites))]
    public async Task A_cookie_change_from_another_site_is_refused_with_403(string from, string? origin, string? fetchSite, string? referer)
    {
        using var session = await SignedInAsync(StudioServer.ManagerKey);
        var model = ElsaApi.NewPolicy($"cross-site-{Guid.NewGuid():N}"[..30], "Cross-site save");

        using var save = await session.SendAsync(From(Save(model), session, origin, fetchSite, referer));
        var token = await session.FormTokenAsync("studio");
        using var form = await session.SendAsync(From(new HttpRequestMessage(HttpMethod.Post, "studio/policies")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { [StudioSession.TokenField] = token }),
        }, session, origin, fetchSite, referer));

        Assert.True(save.StatusCode == HttpStatusCode.Forbidden, $"{from}: {(int)save.StatusCode} {await save.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        using var api = server.ClientWithKey(StudioServer.ManagerKey);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"elsa/api/workflow-definitions/by-definition-id/{model["definitionId"]}")).StatusCode);
    }

    [Theory]
    [InlineData("{self}", null, null)]
    [InlineData("{self}", "same-origin", null)]
    [InlineData(null, "same-origin", null)]
    [InlineData(null, null, "{self}studio/workflows/refund-keyword")]
    public async Task A_cookie_change_from_this_server_s_pages_is_accepted(string? origin, string? fetchSite, string? referer)
    {
        using var session = await SignedInAsync(StudioServer.ManagerKey);

        using var save = await session.SendAsync(From(Save(ElsaApi.NewPolicy(null, "Same-site save")), session, origin, fetchSite, referer));

        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
    }

    [Fact]
    public async Task Signing_in_from_another_site_is_refused()
    {
        using var session = StudioSession.For(server.BaseAddress);
        var token = await session.FormTokenAsync("studio/sign-in");
        session.Origin = "http://evil.example";

        using var response = await session.PostFormAsync("studio/sign-in", new() { [StudioSession.TokenField] = token, ["key"] = StudioServer.ManagerKey });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(StudioSession.StudioCookie, session.Cookies.Keys);
    }

    [Fact]
    public async Task A_script_with_an_API_key_is_not_held_to_the_origin_check()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        using var request = Save(ElsaApi.NewPolicy(null, "Scripted save"));
        request.Headers.Add("Origin", "http://evil.example");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> NonJsonBodies => new()
    {
        { "workflow-definitions", "text/plain" },
        { "workflow-definitions", "application/x-www-form-urlencoded" },
        { "workflow-definitions/import", "text/plain" },
        { "workflow-definitions/import", "multipart/form-data; boundary=x" },
        { "workflow-definitions/refund-keyword/import", "text/plain; charset=utf-8" },
        { "workflow-definitions/refund-keyword/execute", "text/plain" },
        { "workflow-definitions/refund-keyword/execute", "application/x-www-form-urlencoded" },
    };

    [Theory]
    [MemberData(nameof(NonJsonBodies))]
    public async Task The_Elsa_API_refuses_a_body_that_is_not_JSON_with_415_through_the_cookie_and_with_a_key(string path, string contentType)
    {
        using var session = await SignedInAsync(StudioServer.ManagerKey);
        using var script = server.ClientWithKey(StudioServer.ManagerKey);
        var definitionId = $"plain-{Guid.NewGuid():N}"[..24];
        var body = new JsonObject { ["model"] = ElsaApi.NewPolicy(definitionId, "Sent as text"), ["publish"] = false }.ToJsonString();

        foreach (var send in new Func<HttpRequestMessage, Task<HttpResponseMessage>>[] { session.SendAsync, script.SendAsync })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "elsa/api/" + path) { Content = new StringContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

            using var response = await send(request);

            Assert.True(response.StatusCode == HttpStatusCode.UnsupportedMediaType, $"{path} as {contentType}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await script.GetAsync($"elsa/api/workflow-definitions/by-definition-id/{definitionId}")).StatusCode);
    }

    private async Task<StudioSession> SignedInAsync(string key)
    {
        var session = StudioSession.For(server.BaseAddress);
        using var response = await session.SignInAsync(key);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(StudioSession.StudioCookie, session.Cookies.Keys);
        return session;
    }

    private static HttpRequestMessage Save(JsonObject model) => new(HttpMethod.Post, "elsa/api/workflow-definitions")
    {
        Content = System.Net.Http.Json.JsonContent.Create(new JsonObject { ["model"] = model, ["publish"] = false }),
    };

    /// <summary>Sets the browser's provenance headers on a request; "{self}" stands for the server's own origin.</summary>
    private HttpRequestMessage From(HttpRequestMessage request, StudioSession session, string? origin, string? fetchSite, string? referer)
    {
        var self = server.BaseAddress.ToString();
        session.Origin = null;
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin.Replace("{self}", self.TrimEnd('/'), StringComparison.Ordinal));
        }

        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (referer is not null)
        {
            request.Headers.Referrer = new Uri(referer.Replace("{self}", self, StringComparison.Ordinal));
        }

        return request;
    }

    private static byte[] Form(string text) => Encoding.ASCII.GetBytes(text);
}
