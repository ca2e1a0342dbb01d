using EscalationStudio.Server.BrowserSecurity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace EscalationStudio.Server.OpenApi;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and the interactive reference (<c>/scalar</c>). Both are anonymous:
/// they describe the API's shape and hold no data; every call made from the page still needs a key.
/// </summary>
internal static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";

    /// <summary>
    /// The default policy, except that Scalar's page starts itself with an inline module script (its settings); the page
    /// shows no data, only the OpenAPI document.
    /// </summary>
    private static readonly ContentSecurityPolicy ReferencePagePolicy =
        new(SecurityHeaders.DefaultPolicy.Replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self' 'unsafe-inline'", StringComparison.Ordinal));

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityTransformer>());

    public static IEndpointRouteBuilder MapApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi().AllowAnonymous();

        // The page must work offline (support floors behind firewalls): the script is the one bundled in the package
        // and served from this host; web fonts, telemetry and the hosted AI/MCP/SDK tools (all remote) are off.
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("Escalation Studio API")
                .WithOpenApiRoutePattern(DocumentPath)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .AddPreferredSecuritySchemes(ApiKeySecurityTransformer.SchemeName))
            .AllowAnonymous()
            .WithMetadata(ReferencePagePolicy);
        return app;
    }

    private sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
    {
        public const string SchemeName = "ApiKey";

        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info.Title = "Escalation Studio API";
            document.Info.Description = "Tickets, escalations and the org directory. Send `Authorization: ApiKey <key>`.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "Authorization",
                Description = "The header value is `ApiKey <key>`; keys come from Auth:ApiKeys or the first-run admin key file.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
            return Task.CompletedTask;
        }
    }
}
