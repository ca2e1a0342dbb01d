using System.Security.Claims;
using EscalationStudio.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EscalationStudio.Server.Studio;

/// <summary>
/// How Studio pages and the Elsa API know who is calling: the sign-in cookie when the browser has one, otherwise the
/// server's <c>Authorization: ApiKey</c> scheme. Managers and admins may edit policies; agents may only look.
/// </summary>
internal static class StudioAuthentication
{
    public const string Scheme = "Studio";
    public const string CookieScheme = "StudioCookie";
    public const string CookieName = "escalation-studio";
    public const string ViewPolicy = "Studio.View";
    public const string EditPolicy = "Studio.Edit";

    /// <summary>The server's API-key scheme, which validates keys and tells the person's role.</summary>
    public const string ApiKeyScheme = "ApiKey";

    private static readonly string[] EditorRoles = ["manager", "admin"];

    public static IServiceCollection AddStudioAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddCookie(CookieScheme, options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/";
                options.LoginPath = "/studio/sign-in";
                options.AccessDeniedPath = "/studio/sign-in";
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = RecheckKeyAsync;
                options.Events.OnRedirectToLogin = context => AnswerApiWithStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => AnswerApiWithStatus(context, StatusCodes.Status403Forbidden);
            })
            .AddPolicyScheme(Scheme, "Studio cookie or API key", options => options.ForwardDefaultSelector = SelectScheme);

        services.AddAuthorizationBuilder()
            .AddPolicy(ViewPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(EditPolicy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireAssertion(context => MayEdit(context.User)));
        return services;
    }

    public static bool MayEdit(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && user.FindAll(c => c.Type is ClaimTypes.Role or "role").Any(c => EditorRoles.Contains(c.Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>The cookie a person gets for a key: it carries the key's id (its hash), never the key or its role.</summary>
    public static ClaimsPrincipal CookiePrincipal(RingKey key) =>
        new(new ClaimsIdentity([new Claim(EscalationClaims.KeyId, key.Id)], CookieScheme));

    /// <summary>
    /// Every request finds the cookie's key again among the keys configured now: a removed key signs the person out,
    /// a lowered one takes effect at once. The cookie itself stays as signed in (the handler renews it from the ticket
    /// it read, not from this principal).
    /// </summary>
    private static async Task RecheckKeyAsync(CookieValidatePrincipalContext context)
    {
        var ring = context.HttpContext.RequestServices.GetRequiredService<ApiKeyRing>();
        if (context.Principal?.FindFirstValue(EscalationClaims.KeyId) is { } keyId && ring.FindById(keyId) is { } key)
        {
            context.ReplacePrincipal(key.ToPrincipal(CookieScheme));
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieScheme);
    }

    private static string SelectScheme(HttpContext context)
    {
        // An explicit key wins over a cookie that may be stale.
        if (context.Request.Headers.Authorization.Count > 0)
        {
            return ApiKeyScheme;
        }

        if (context.Request.Cookies.ContainsKey(CookieName))
        {
            return CookieScheme;
        }

        return IsApi(context.Request) ? ApiKeyScheme : CookieScheme;
    }

    /// <summary>The product's pages (Studio, the desk, the managers' pages) and their live connection sign in with the cookie; the rest is API.</summary>
    private static bool IsApi(HttpRequest request) =>
        !(request.Path.StartsWithSegments("/studio") || request.Path.StartsWithSegments("/desk") || request.Path.StartsWithSegments("/manage")
          || request.Path.StartsWithSegments("/_blazor"));

    private static Task AnswerApiWithStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request) || context.Request.Method != HttpMethods.Get)
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
