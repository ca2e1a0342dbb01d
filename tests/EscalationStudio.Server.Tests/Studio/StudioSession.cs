using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EscalationStudio.Server.Tests.Studio;

/// <summary>
/// What a browser does with the Studio pages, by hand so tests can look at and move the cookies: it keeps the cookies
/// the server sets, sends them back, takes the antiforgery token from a page's form and, on a post, says it comes from
/// the server's own origin (a browser sends Origin with every POST).
/// </summary>
public sealed partial class StudioSession(HttpClient client) : IDisposable
{
    public const string StudioCookie = "escalation-studio";
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The cookies this session holds, by name.</summary>
    public Dictionary<string, string> Cookies { get; } = [];

    /// <summary>The Origin sent with unsafe requests; null sends none.</summary>
    public string? Origin { get; set; } = client.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public HttpClient Client => client;

    /// <summary>A session against a server on a real address, with no cookie handling of its own.</summary>
    public static StudioSession For(Uri baseAddress) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress });

    /// <summary>Signs in through the page as a person does; the cookie is then in <see cref="Cookies"/>.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key, string? returnUrl = null)
    {
        var token = await FormTokenAsync("studio/sign-in");
        return await PostFormAsync("studio/sign-in", new() { [TokenField] = token, ["key"] = key, ["returnUrl"] = returnUrl ?? "" });
    }

    /// <summary>Opens a page and returns the antiforgery token of its (first) form.</summary>
    public async Task<string> FormTokenAsync(string page)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, page));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = TokenInput().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, $"{page} has no form token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) });

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>The designer's save: POST /elsa/api/workflow-definitions as JSON.</summary>
    public Task<HttpResponseMessage> SaveAsync(JsonObject model, bool publish = false) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, "elsa/api/workflow-definitions")
        {
            Content = JsonContent.Create(new JsonObject { ["model"] = model, ["publish"] = publish }),
        });

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (Origin is not null && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head && !request.Headers.Contains("Origin"))
        {
            request.Headers.Add("Origin", Origin);
        }

        var response = await client.SendAsync(request);
        foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = setCookie.Split(';')[0];
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            // A deleted cookie comes back empty and already expired.
            if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }

        return response;
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("""name="__RequestVerificationToken" value="([^"]+)"\s*/?>""")]
    private static partial Regex TokenInput();
}
