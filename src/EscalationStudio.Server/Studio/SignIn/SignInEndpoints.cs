using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Studio.Forms;
using EscalationStudio.Server.Studio.Pages;
using Microsoft.AspNetCore.Authentication;

namespace EscalationStudio.Server.Studio.SignIn;

/// <summary>Trades an API key for the Studio cookie, so the designer's own requests need no key.</summary>
internal static class SignInEndpoints
{
    public const string Home = "/studio";

    public static void MapStudioSignIn(this IEndpointRouteBuilder studio)
    {
        studio.MapGet("/sign-in", (string? returnUrl, HttpContext context) => SignInPage.Render(context, LocalOrHome(returnUrl)))
            .WithName("StudioSignInPage").WithSummary("The sign-in page: takes an API key.").AllowAnonymous();

        // A token too, though the cookie is SameSite=Strict: otherwise another site could sign a person in with its key.
        studio.MapPost("/sign-in", (Delegate)SignInAsync)
            .WithName("StudioSignIn").WithSummary("Checks an API key and sets the Studio cookie.").AllowAnonymous()
            .RequireFormToken(keyCallersExempt: false, refused: (context, refused) => SignInPage.Render(context, Home, refused.Title + ". " + refused.Detail, refused.StatusCode));

        studio.MapPost("/sign-out", async (HttpContext context) =>
            {
                await context.SignOutAsync(StudioAuthentication.CookieScheme);
                return TypedResults.Redirect("/studio/sign-in");
            })
            .WithName("StudioSignOut").WithSummary("Removes the Studio cookie.")
            .RequireAuthorization(StudioAuthentication.ViewPolicy).RequireFormToken();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, ApiKeyRing keys)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var presented = form["key"].ToString().Trim();
        var returnUrl = LocalOrHome(form["returnUrl"].ToString());
        if (presented.Length == 0 || keys.Find(presented) is not { } key)
        {
            return SignInPage.Render(context, returnUrl, "That key is not valid.", StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(StudioAuthentication.CookieScheme, StudioAuthentication.CookiePrincipal(key));
        return TypedResults.Redirect(returnUrl);
    }

    /// <summary>
    /// Only Studio paths of this server, written plainly: an open redirect would let a link send a signed-in person
    /// anywhere. Browsers drop tabs and line breaks from URLs and read <c>\</c> as <c>/</c>, so
    /// <c>/&lt;TAB&gt;/evil.example</c> or <c>/\evil.example</c> would leave the site; any such character means home.
    /// </summary>
    internal static string LocalOrHome(string? url) =>
        url is { Length: > 0 }
        && (url == Home || url.StartsWith(Home + "/", StringComparison.Ordinal) || url.StartsWith(Home + "?", StringComparison.Ordinal))
        && url.All(c => c is > ' ' and < '\x7f' and not '\\')
            ? url
            : Home;
}
