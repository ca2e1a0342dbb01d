using System.Security.Claims;
using EscalationStudio.Server.HealthFigures.Dashboard;

namespace EscalationStudio.Server.Shell;

/// <summary>One entry of the navigation; <paramref name="MayOpen"/> says who sees it (everyone signed in when null).</summary>
internal sealed record ProductArea(string Name, string Href, Func<ClaimsPrincipal, bool>? MayOpen = null)
{
}

internal static class ProductAreas
{
    public static readonly IReadOnlyList<ProductArea> All =
    [
        new("Desk", "/desk"),
        new("Policies", "/studio"),
        new("Escalation health", HealthDashboard.Href, HealthDashboard.MayOpen),
    ];

    /// <summary>The entries this person may open: an entry that would only answer "not for you" is left out.</summary>
    public static IEnumerable<ProductArea> For(ClaimsPrincipal? user) =>
        All.Where(area => area.MayOpen is null || (user is not null && area.MayOpen(user)));
}
