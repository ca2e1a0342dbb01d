using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace EscalationStudio.Server.Studio.Forms;

/// <summary>
/// The HTML forms of the Studio pages (sign in, sign out, new policy): each carries an antiforgery token (the pages
/// write it with &lt;AntiforgeryToken /&gt;, which uses these options), and each
/// post is read defensively, so a post from another site, or one without a readable form, is a 4xx and never a 500.
/// </summary>
internal static class StudioForms
{
    public const string TokenFieldName = "__RequestVerificationToken";
    public const string TokenCookieName = "escalation-studio-form";

    public static IServiceCollection AddStudioForms(this IServiceCollection services) =>
        services.AddAntiforgery(options =>
        {
            options.FormFieldName = TokenFieldName;
            options.Cookie.Name = TokenCookieName;
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Every response already says frame-ancestors 'none' and X-Frame-Options: DENY (BrowserSecurity).
            options.SuppressXFrameOptionsHeader = true;
        });

    /// <summary>
    /// The endpoint runs only for a readable form with a valid token. Otherwise: 415 for a body that is not a form,
    /// 400 for one that cannot be read or has no valid token, answered by <paramref name="refused"/> when given
    /// (a page to show the person) or as problem+json.
    /// </summary>
    /// <param name="keyCallersExempt">
    /// Whether a script sending <c>Authorization: ApiKey</c> may call the endpoint without a form (the endpoint then
    /// reads none): no other site can make a browser send that header.
    /// </param>
    public static RouteHandlerBuilder RequireFormToken(this RouteHandlerBuilder endpoint, bool keyCallersExempt = true, Func<HttpContext, FormRefusal, IResult>? refused = null) =>
        endpoint.AddEndpointFilter(async (invocation, next) =>
        {
            var context = invocation.HttpContext;
            if (keyCallersExempt && context.Request.Headers.Authorization.Count > 0)
            {
                return await next(invocation);
            }

            if (await CheckAsync(context) is not { } refusal)
            {
                return await next(invocation);
            }

            return refused?.Invoke(context, refusal)
                ?? TypedResults.Problem(title: refusal.Title, detail: refusal.Detail, statusCode: refusal.StatusCode);
        }).DisableAntiforgery();

    private static async Task<FormRefusal?> CheckAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return new FormRefusal(StatusCodes.Status415UnsupportedMediaType, "The request is not a form",
                "Send the form as application/x-www-form-urlencoded or multipart/form-data, as the page does.");
        }

        // Pages send UTF-8 (and say nothing); any other charset is refused before the form reader meets it (UTF-7 throws).
        var charset = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Charset);
        if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return new FormRefusal(StatusCodes.Status415UnsupportedMediaType, "The form is not UTF-8",
                $"Send the form in UTF-8, not {charset}.");
        }

        try
        {
            // Read here, where a broken body can still be answered: the antiforgery check and the endpoint use this copy.
            await request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException or DecoderFallbackException or InvalidOperationException)
        {
            return new FormRefusal(StatusCodes.Status400BadRequest, "The form could not be read", e.Message);
        }

        return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context)
            ? null
            : new FormRefusal(StatusCodes.Status400BadRequest, "The form has expired or was not sent from this server's page",
                "Reload the page and send the form again.");
    }
}

/// <summary>Why a form post was refused, for a problem response or a page.</summary>
internal sealed record FormRefusal(int StatusCode, string Title, string Detail);
