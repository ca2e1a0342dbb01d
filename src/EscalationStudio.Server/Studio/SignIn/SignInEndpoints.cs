using EscalationStudio.Server.Auth;
using EscalationStudio.Server.Shell;
using EscalationStudio.Server.Studio.Forms;
using EscalationStudio.Server.Studio.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;

namespace EscalationStudio.Server.Studio.SignIn;

/// <summary>Trades an API key for the Studio cookie, so the designer's own requests need no key.</summary>
internal static class SignInEndpoints
{
    public const string Home = "/studio";

    /// <summary>Where a sign-in may return to: the product's pages.</summary>
    private static readonly string[] PageAreas = [Home, "/desk", "/manage"];

    public static void MapStudioSignIn(this IEndpointRouteBuilder studio)
    {
        // The form itself is the page /studio/sign-in (Studio/Pages/SignInPage.razor); a refused post shows it again.
        // A token too, though the cookie is SameSite=Strict: otherwise another site could sign a person in with its key.
        studio.MapPost("/sign-in", (Delegate)SignInAsync)
            .WithName("StudioSignIn").WithSummary("Checks an API key and sets the Studio cookie.").AllowAnonymous()
            // The sign-in page's component takes POST too (Razor components do); the post is this endpoint's.
            .WithOrder(-1)
            .RequireFormToken(keyCallersExempt: false, refused: (context, refused) => SignInAgain(Home, refused.Title + ". " + refused.Detail, refused.StatusCode));

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
            return SignInAgain(returnUrl, "That key is not valid.", StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(StudioAuthentication.CookieScheme, StudioAuthentication.CookiePrincipal(key));
        return TypedResults.Redirect(returnUrl);
    }

    private static IResult SignInAgain(string returnUrl, string error, int statusCode) =>
        StatusPage.Result(builder =>
        {
            builder.OpenComponent<SignInForm>(0);
            builder.AddComponentParameter(1, nameof(SignInForm.ReturnUrl), returnUrl);
            builder.AddComponentParameter(2, nameof(SignInForm.Error), error);
            builder.CloseComponent();
        }, statusCode);

    /// <summary>
    /// Only the product's own pages (Studio, the desk, the managers' pages) of this server, written plainly: an open redirect would let a link send a signed-in person
    /// anywhere. Browsers drop tabs and line breaks from URLs and read <c>\</c> as <c>/</c>, so
    /// <c>/&lt;TAB&gt;/evil.example</c> or <c>/\evil.example</c> would leave the site; any such character means home.
    /// </summary>
    internal static string LocalOrHome(string? url) =>
        url is { Length: > 0 }
        && PageAreas.Any(area => url == area || url.StartsWith(area + "/", StringComparison.Ordinal) || url.StartsWith(area + "?", StringComparison.Ordinal))
        && url.All(c => c is > ' ' and < '\x7f' and not '\\')
            ? url
            : Home;
}
