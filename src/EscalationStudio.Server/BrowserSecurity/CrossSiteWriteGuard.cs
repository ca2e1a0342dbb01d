using EscalationStudio.Server.ElsaApi;
using EscalationStudio.Server.Studio;
using Microsoft.AspNetCore.Http.Features;

namespace EscalationStudio.Server.BrowserSecurity;

/// <summary>
/// Changes through the Studio cookie must come from this server's own pages. SameSite=Strict keeps other sites' posts
/// from carrying the cookie, but not pages on another port of the same host, and not older browsers; so a write under
/// <c>/studio</c>, <c>/desk</c> or <c>/elsa/api</c> without <c>Authorization</c> is refused (403) when the browser says it comes from
/// elsewhere (<c>Sec-Fetch-Site</c>, <c>Origin</c>, else <c>Referer</c>). A script's <c>Authorization: ApiKey</c>
/// cannot be sent by another site, so it is not checked. And <c>/elsa/api</c> takes JSON only (415 otherwise): a
/// <c>text/plain</c> or form body is what a cross-site form or a "simple" fetch sends without asking.
/// </summary>
internal sealed class CrossSiteWriteGuard(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return next(context);
        }

        var elsaApi = request.Path.StartsWithSegments(ElsaApiEndpoints.Prefix);
        if (!elsaApi && !request.Path.StartsWithSegments("/studio") && !request.Path.StartsWithSegments("/desk"))
        {
            return next(context);
        }

        if (request.Headers.Authorization.Count == 0 && ElsewhereReason(request) is { } reason)
        {
            return Refuse(context, StatusCodes.Status403Forbidden, "This change did not come from this server's pages", reason);
        }

        if (elsaApi && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true && !IsJson(request.ContentType))
        {
            return Refuse(context, StatusCodes.Status415UnsupportedMediaType, "The Elsa API takes JSON",
                $"Send the body as application/json, not {(string.IsNullOrEmpty(request.ContentType) ? "without a Content-Type" : request.ContentType)}.");
        }

        return next(context);
    }

    /// <summary>Why the request comes from another site, or null when it comes from ours (or cannot be told and carries no cookie).</summary>
    private static string? ElsewhereReason(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return $"the browser sent it from a {fetchSite} page (Sec-Fetch-Site)";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return IsThisServer(origin, request) ? null : $"it came from {origin}, not from this server (Origin)";
        }

        if (fetchSite.Length > 0)
        {
            return null;
        }

        // Neither header: an old browser or no browser. Nothing to lose without the cookie; with it, the Referer must be ours.
        if (!request.Cookies.ContainsKey(StudioAuthentication.CookieName))
        {
            return null;
        }

        var referer = request.Headers.Referer.ToString();
        return referer.Length > 0 && IsThisServer(referer, request)
            ? null
            : "a change made with the Studio cookie must say where it comes from (Origin or Referer of this server)";
    }

    /// <summary>
    /// Same host and port as the request. The scheme is not compared, so a proxy that ends TLS and forwards plain HTTP
    /// (with the original Host) still works; when the Host header has no port, the page's port must be the default one.
    /// </summary>
    internal static bool IsThisServer(string url, HttpRequest request) =>
        Uri.TryCreate(url, UriKind.Absolute, out var page)
        && page.Scheme is "http" or "https"
        && string.Equals(page.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
        && (request.Host.Port is { } port ? page.Port == port : page.IsDefaultPort);

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.MediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private static Task Refuse(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);
}
