using EscalationStudio.Server.Validation;
using Microsoft.AspNetCore.Authentication;

namespace EscalationStudio.Server.Auth;

internal static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// API-key authentication as the default scheme, and the role policies. A cookie sign-in (Studio) can sit on top:
    /// a policy scheme that forwards to <see cref="ApiKeyAuthenticationHandler.SchemeName"/> when the Authorization
    /// header is present, with principals carrying the same role and agent claims.
    /// </summary>
    public static IServiceCollection AddEscalationAuthentication(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateWithFluentValidation(AuthOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<FirstRunAdminKey>();
        services.AddSingleton<ApiKeyRing>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.AnyRole, policy => policy.RequireRole(EscalationRoles.All))
            .AddPolicy(AuthorizationPolicies.ManagerOrAdmin, policy => policy.RequireRole(EscalationRoles.Manager, EscalationRoles.Admin))
            .AddPolicy(AuthorizationPolicies.Admin, policy => policy.RequireRole(EscalationRoles.Admin));
        return services;
    }
}
