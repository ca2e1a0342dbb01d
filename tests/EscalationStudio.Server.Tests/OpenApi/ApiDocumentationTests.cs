using System.Net;
using System.Text.RegularExpressions;

namespace EscalationStudio.Server.Tests.OpenApi;

public sealed partial class ApiDocumentationTests(EscalationServer server) : IClassFixture<EscalationServer>
{
    [Fact]
    public async Task The_openapi_document_describes_every_ticket_route_and_the_api_key_scheme()
    {
        var document = await (await server.CreateClient().GetAsync("/openapi/v1.json")).ReadObjectAsync();

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        string[] routes =
        [
            "/api/tickets", "/api/tickets/{id}", "/api/tickets/{id}/timeline", "/api/tickets/{id}/messages",
            "/api/tickets/{id}/status", "/api/tickets/{id}/assign", "/api/tickets/{id}/escalate", "/api/tickets/{id}/csat",
            "/api/org", "/health",
        ];
        foreach (var route in routes)
        {
            Assert.Contains(route, paths);
        }

        Assert.Equal("apiKey", (string?)document["components"]!["securitySchemes"]!["ApiKey"]!["type"]);
        Assert.Equal("CreateTicket", (string?)document["paths"]!["/api/tickets"]!["post"]!["operationId"]);
    }

    [Fact]
    public async Task The_reference_page_loads_only_scripts_served_by_this_host()
    {
        var client = server.CreateClient();
        var html = await client.GetStringAsync("/scalar/");

        var scripts = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, src => Assert.DoesNotMatch("^(https?:)?//", src));
        foreach (var src in scripts)
        {
            var script = await client.GetAsync($"/scalar/{src}");
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }

        Assert.Contains("\"withDefaultFonts\":false", html);
    }

    [GeneratedRegex("<script[^>]*src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}
