using EscalationStudio.Domain.Tickets;
using EscalationStudio.Server.Desk;
using EscalationStudio.Server.HealthFigures;
using EscalationStudio.Server.Studio;
using Microsoft.AspNetCore.Authentication;
using MudBlazor.Services;

namespace EscalationStudio.Server.Shell;

/// <summary>
/// The product's web pages: Razor components (static server rendering; interactive server where a page updates live)
/// with MudBlazor, under one layout and navigation and the Studio sign-in.
/// </summary>
internal static class WebUiServiceCollectionExtensions
{
    public static IServiceCollection AddWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddMudServices();

        services.AddSingleton<DeskFeed>();
        services.AddSingleton<ITicketEventObserver>(sp => sp.GetRequiredService<DeskFeed>());
        services.AddSingleton<IOtherNodesEventObserver>(sp => sp.GetRequiredService<DeskFeed>());
        services.AddSingleton<DeskInbox>();
        services.AddSingleton<DeskActions>();
        return services;
    }

    /// <summary>
    /// The live pages' connection (<c>/_blazor</c>) carries the sign-in cookie but no endpoint there asks for the
    /// Studio scheme, and the default scheme is the API key's; without this the live pages would run signed out.
    /// </summary>
    public static IApplicationBuilder UseLivePageSignIn(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_blazor") && context.User.Identity?.IsAuthenticated != true)
            {
                var result = await context.AuthenticateAsync(StudioAuthentication.Scheme);
                if (result.Succeeded)
                {
                    context.User = result.Principal;
                }
            }

            await next(context);
        });

    public static WebApplication MapWebUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
