using System.Security.Claims;
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

    /// <summary>
    /// Authenticates a key exactly as a request carrying it would be, through the server's API-key scheme, without
    /// touching the current request.
    /// </summary>
    public static async Task<ClaimsPrincipal?> AuthenticateKeyAsync(HttpContext context, string key)
    {
        // A scope of its own: handlers are cached per scope, and this request's ApiKey handler has already run.
        await using var scope = context.RequestServices.CreateAsyncScope();
        var probe = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        probe.Request.Headers.Authorization = $"{ApiKeyScheme} {key}";
        var result = await probe.AuthenticateAsync(ApiKeyScheme);
        return result.Succeeded ? result.Principal : null;
    }

    private static string SelectScheme(HttpContext context)
    {
        // An explicit key wins over a cookie that may be stale.
        if (context.Request.Headers.Authorization.Count > 0) return ApiKeyScheme;
        if (context.Request.Cookies.ContainsKey(CookieName)) return CookieScheme;
        return IsApi(context.Request) ? ApiKeyScheme : CookieScheme;
    }

    private static bool IsApi(HttpRequest request) => !request.Path.StartsWithSegments("/studio");

    private static Task AnswerApiWithStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request) || context.Request.Method != HttpMethods.Get)
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
