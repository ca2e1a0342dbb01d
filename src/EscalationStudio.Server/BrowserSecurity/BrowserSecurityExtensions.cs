namespace EscalationStudio.Server.BrowserSecurity;

internal static class BrowserSecurityExtensions
{
    /// <summary>Security headers on every response, and writes through the Studio cookie only from this server's pages.</summary>
    public static IApplicationBuilder UseBrowserSecurity(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeaders>().UseMiddleware<CrossSiteWriteGuard>();
}
