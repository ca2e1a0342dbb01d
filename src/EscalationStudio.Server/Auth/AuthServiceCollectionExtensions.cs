using EscalationStudio.Policies.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

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
            .ValidateOnStart<AuthOptions, AuthOptionsValidator>();
        services.AddSingleton<FirstRunAdminKey>();
        services.AddSingleton<ApiKeyRing>();
        // Cookie and form-token keys in the database (see DatabaseKeyRepository), under one application name for
        // every node, whatever folder it runs from (the default name comes from the content root).
        services.AddDataProtection().SetApplicationName("EscalationStudio");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceScopeFactory>((options, scopes) => options.XmlRepository = new DatabaseKeyRepository(scopes));

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.AnyRole, policy => policy.RequireRole(EscalationRoles.All))
            .AddPolicy(AuthorizationPolicies.ManagerOrAdmin, policy => policy.RequireRole(EscalationRoles.Manager, EscalationRoles.Admin))
            .AddPolicy(AuthorizationPolicies.Admin, policy => policy.RequireRole(EscalationRoles.Admin));
        return services;
    }
}
