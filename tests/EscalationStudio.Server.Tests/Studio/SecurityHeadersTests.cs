using System.Net;

namespace EscalationStudio.Server.Tests.Studio;

[Collection(StudioServerCollection.Name)]
public sealed class SecurityHeadersTests(StudioServer server)
{
    public static TheoryData<string, string, bool> Responses => new()
    {
        { "GET", "studio/sign-in", false },
        { "GET", "studio", true },
        { "GET", "studio", false },
        { "GET", "studio/workflows/refund-keyword", true },
        { "GET", "studio/workflows/no-such-policy", true },
        { "GET", "studio/runs", true },
        { "GET", "studio/runs/no-such-run", true },
        { "GET", "studio/_framework/blazor.webassembly.js", false },
        { "GET", "studio/designer-endpoint.js", false },
        { "GET", "studio/no-such-file.js", false },
        { "GET", "elsa/api/workflow-definitions", true },
        { "GET", "elsa/api/workflow-definitions", false },
        { "POST", "studio/sign-in", false },
        { "GET", "api/tickets", false },
        { "GET", "health", false },
        { "GET", "openapi/v1.json", false },
        { "GET", "scalar/", false },
        { "GET", "no/such/route", false },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Every_response_says_nosniff_no_framing_same_origin_referrers_and_a_content_security_policy(string method, string path, bool withKey)
    {
        using var client = withKey ? server.ClientWithKey(StudioServer.ManagerKey) : server.Anonymous();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_API_reference_page_may_run_inline_scripts_and_the_designer_only_its_two_known_ones()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);

        var studio = ScriptSources(await client.GetAsync("studio"));
        var designer = ScriptSources(await client.GetAsync("studio/workflows/refund-keyword"));
        var reference = ScriptSources(await client.GetAsync("scalar/"));

        Assert.Equal("script-src 'self' 'wasm-unsafe-eval'", studio);
        Assert.Equal(2, designer.Split(' ').Count(s => s.StartsWith("'sha256-", StringComparison.Ordinal)));
        Assert.DoesNotContain("unsafe-inline", designer, StringComparison.Ordinal);
        Assert.Contains("'unsafe-inline'", reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_designer_page_does_not_take_its_API_address_from_the_Host_header()
    {
        using var client = server.ClientWithKey(StudioServer.ManagerKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "studio/workflows/refund-keyword");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", html);
        Assert.Contains("data-api-path=\"/elsa/api\"", html);
        Assert.DoesNotContain("remote-endpoint=", html);
    }

    [Fact]
    public async Task The_designer_endpoint_script_builds_the_API_address_from_the_page_s_own_address()
    {
        using var response = await server.Anonymous().GetAsync("studio/designer-endpoint.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        var script = await response.Content.ReadAsStringAsync();
        Assert.Contains("new URL(editor.dataset.apiPath, document.baseURI)", script, StringComparison.Ordinal);
        Assert.Contains("setAttribute(\"remote-endpoint\"", script, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"no {name} on {response.RequestMessage!.RequestUri} ({(int)response.StatusCode})");

    private static string ScriptSources(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy").Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
}
