using System.Globalization;
using System.Security.Claims;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Server.Auth;

namespace EscalationStudio.Server.HealthFigures.Dashboard;

/// <summary>
/// The managers' escalation-health pages: where they live, who may open them (the roles the figures' API requires),
/// and the links from a figure to the tickets behind it.
/// </summary>
internal static class HealthDashboard
{
    public const string Href = "/manage/health";
    public const string TicketsHref = "/manage/health/tickets";

    /// <summary>Managers and admins, as <see cref="AuthorizationPolicies.ManagerOrAdmin"/> for <c>GET /api/metrics/escalation</c>.</summary>
    public static bool MayOpen(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(EscalationRoles.Manager) || user.IsInRole(EscalationRoles.Admin));

    /// <summary>
    /// The ticket page of one side of a figure: the figures' cuts as the ticket list reads them (the response's
    /// ticket query), so the list holds exactly the tickets the figure counted.
    /// </summary>
    public static string TicketsBehind(string ticketQuery, HealthFigure figure, FigureSide side, string? key = null)
    {
        var parts = new List<string>();
        if (ticketQuery.Length > 0)
        {
            parts.Add(ticketQuery);
        }

        parts.Add($"figure={figure.ToText()}");
        parts.Add($"side={side.ToText()}");
        if (key is not null)
        {
            parts.Add($"key={Uri.EscapeDataString(key)}");
        }

        return $"{TicketsHref}?{string.Join('&', parts)}";
    }

    /// <summary>A share as people read it: 60 %, 33.3 %; a dash when nothing was counted.</summary>
    public static string Percent(double? share) =>
        share is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Hours(double? hours) =>
        hours is { } h ? h.ToString(h < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " h" : "–";

    public static string Score(double? mean) =>
        mean is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) + " / 5" : "–";

    /// <summary>What the figure's two sides are, in a manager's words, for the ticket page's heading.</summary>
    public static (string Figure, string Denominator, string Numerator) Describe(HealthFigure figure, string? key) => figure switch
    {
        HealthFigure.EscalationRate => ("Escalation rate", "tickets", "escalated tickets"),
        HealthFigure.TimeToEscalate => ("Time to escalate", "escalated tickets", "escalated tickets measured in business hours"),
        HealthFigure.PolicyReactionTime => ("Policy reaction time", "tickets a policy escalated", "tickets whose trigger moment is recorded"),
        HealthFigure.FirstTierResolution => ("First-tier resolution", "solved tickets", "solved tickets that never left their first tier"),
        HealthFigure.CsatEscalated => ("CSAT after escalation", "rated escalated tickets", "escalated tickets rated 4 or 5"),
        HealthFigure.CsatNotEscalated => ("CSAT without escalation", "rated tickets never escalated", "never-escalated tickets rated 4 or 5"),
        HealthFigure.DeEscalationRate => ("De-escalation rate", "escalated tickets", "escalated tickets handed back down"),
        HealthFigure.Bounce => ("Bounce", "tickets", "tickets whose tier changed more than once"),
        HealthFigure.PingPong => ("Ping-pong", "tickets", "tickets that returned to a tier they had left"),
        HealthFigure.Reassigned => ("Reassignment", "tickets", "tickets reassigned at least once"),
        HealthFigure.ReassignedMoreThanOnce => ("Reassigned more than once", "tickets", "tickets reassigned more than once"),
        HealthFigure.SlaWarned => ($"SLA warnings · {key}", "tickets", $"tickets with a {key} warning"),
        HealthFigure.SlaBreached => ($"SLA breaches · {key}", "tickets", $"tickets that breached {key}"),
        HealthFigure.SlaEscalatedBeforeBreach => ($"Escalated before the breach · {key}", $"tickets that breached {key}", "breached tickets escalated before the breach"),
        HealthFigure.EscalatedByPolicy => ($"Escalations by policy {key}", "escalated tickets", $"tickets {key} escalated"),
        HealthFigure.EscalatedByTrigger => ($"Escalations on trigger {key}", "escalated tickets", $"tickets escalated on {key}"),
        HealthFigure.EscalatedManually => ("Manual escalations", "escalated tickets", "tickets escalated by hand"),
        HealthFigure.OpenInTier => ($"Open in {key}", "open tickets", $"open tickets held by {key}"),
        HealthFigure.EscalatedFromTier => ($"Escalated out of {key}", $"tickets that were in {key}", $"tickets escalated out of {key}"),
        _ => (figure.ToText(), "tickets", "tickets"),
    };
}
