namespace EscalationStudio.Server.BrowserSecurity;

/// <summary>
/// Headers on every response, pages, files, API answers and errors alike: nothing is sniffed into another type,
/// nothing may frame the pages, no address leaks to other sites, and the Content-Security-Policy lets the pages load
/// only this server's scripts. The designer is Blazor WebAssembly, which compiles its .wasm files
/// (<c>'wasm-unsafe-eval'</c>, which allows WebAssembly compilation only, not JavaScript eval); MudBlazor, Radzen
/// and the pages set inline styles. An endpoint needing another policy says so with <see cref="ContentSecurityPolicy"/>.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string DefaultPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // At the start of the response, not now: the exception handler clears headers before it writes an error.
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = context.GetEndpoint()?.Metadata.GetMetadata<ContentSecurityPolicy>()?.Policy ?? DefaultPolicy;
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}

/// <summary>Endpoint metadata: this endpoint's page needs a Content-Security-Policy other than the default.</summary>
internal sealed record ContentSecurityPolicy(string Policy);
