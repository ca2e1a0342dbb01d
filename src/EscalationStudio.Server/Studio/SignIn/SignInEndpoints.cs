using System.Security.Claims;
using EscalationStudio.Server.Studio.Pages;
using Microsoft.AspNetCore.Authentication;

namespace EscalationStudio.Server.Studio.SignIn;

/// <summary>Trades an API key for the Studio cookie, so the designer's own requests need no key.</summary>
internal static class SignInEndpoints
{
    public static void MapStudioSignIn(this IEndpointRouteBuilder studio)
    {
        studio.MapGet("/sign-in", (string? returnUrl) => SignInPage.Render(returnUrl))
            .WithName("StudioSignInPage").WithSummary("The sign-in page: takes an API key.").AllowAnonymous();

        // Form posts without an antiforgery token: the cookie is SameSite=Strict, so no other site can ride on it.
        studio.MapPost("/sign-in", (Delegate)SignInAsync)
            .WithName("StudioSignIn").WithSummary("Checks an API key and sets the Studio cookie.").AllowAnonymous().DisableAntiforgery();

        studio.MapPost("/sign-out", async (HttpContext context) =>
            {
                await context.SignOutAsync(StudioAuthentication.CookieScheme);
                return TypedResults.Redirect("/studio/sign-in");
            })
            .WithName("StudioSignOut").WithSummary("Removes the Studio cookie.").AllowAnonymous().DisableAntiforgery();
    }

    private static async Task<IResult> SignInAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var key = form["key"].ToString().Trim();
        var returnUrl = form["returnUrl"].ToString();
        var user = key.Length == 0 ? null : await StudioAuthentication.AuthenticateKeyAsync(context, key);
        if (user is null)
            return SignInPage.Render(returnUrl, "That key is not valid.");

        var identity = new ClaimsIdentity(user.Claims, StudioAuthentication.CookieScheme, user.Identities.First().NameClaimType, user.Identities.First().RoleClaimType);
        await context.SignInAsync(StudioAuthentication.CookieScheme, new ClaimsPrincipal(identity));
        return TypedResults.Redirect(IsLocal(returnUrl) ? returnUrl : "/studio");
    }

    /// <summary>Only paths on this server: an open redirect would let a link send a signed-in person anywhere.</summary>
    private static bool IsLocal(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
