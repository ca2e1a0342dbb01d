using System.Globalization;
using System.Text;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

namespace EscalationStudio.Server.Studio.Pages;

/// <summary>
/// <c>/studio/runs/{id}</c>: what a ▶ Run did to its sample ticket, step by step (escalations, briefings, customer
/// notes, faults), so a manager sees what the policy would do before publishing it. Runs are kept in memory only.
/// </summary>
internal static class TestRunPage
{
    public static IEndpointRouteBuilder MapTestRunPage(this IEndpointRouteBuilder pages)
    {
        pages.MapGet("/runs", (string? policy, HttpContext context, IServiceProvider services) =>
                PageLayout.Html("Test runs", $"{PageLayout.Header(context)}<main>{List(services.GetService<RecentSandboxRuns>()?.List(policy) ?? [], policy)}</main>"))
            .WithName("StudioTestRuns").WithSummary("The recent designer test runs, newest first (of one policy with ?policy=).");
        pages.MapGet("/runs/{id}", (string id, HttpContext context, IServiceProvider services) =>
                services.GetService<RecentSandboxRuns>()?.Find(id) is { } run
                    ? PageLayout.Html($"Test run of {run.PolicyName}", $"{PageLayout.Header(context)}<main>{Body(run)}</main>")
                    : PageLayout.Html("Not found", $"""{PageLayout.Header(context)}<main><h1>No test run {PageLayout.Encode(id)}</h1><p class="muted">Test runs are kept in memory for a while; press ▶ Run in the designer again.</p><p><a href="/studio">Back to the policies</a></p></main>""", StatusCodes.Status404NotFound))
            .WithName("StudioTestRun").WithSummary("The sample ticket's timeline of one designer test run.");
        return pages;
    }

    private static string List(IReadOnlyList<SandboxRun> runs, string? policy)
    {
        var html = new StringBuilder($"<h1>Test runs{(policy is null ? "" : $" of {PageLayout.Encode(policy)}")}</h1>");
        if (runs.Count == 0)
        {
            return html.Append("""<p class="muted">No test runs yet: press ▶ Run in the designer. Runs are kept in memory for a while.</p>""").ToString();
        }

        html.Append("<table><thead><tr><th>Started</th><th>Policy</th><th>Result</th><th>Sample ticket now</th></tr></thead><tbody>");
        foreach (var run in runs)
        {
            var result = run.Started ? $"{run.Status} / {run.SubStatus}{(run.Incidents.Count > 0 ? $", {run.Incidents.Count} fault(s)" : "")}" : "did not start";
            var ticket = run.Ticket is { } sample ? $"{sample.TierId}{(sample.OwnerAgentId is null ? "" : $" · {sample.OwnerAgentId}")} · {sample.Priority.ToText()}" : "";
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr><td><a href="/studio/runs/{PageLayout.Encode(Uri.EscapeDataString(run.InstanceId ?? run.Id))}">{run.StartedAt:yyyy-MM-dd HH:mm:ss} UTC</a></td>
                <td>{PageLayout.Encode(run.PolicyName)} <span class="muted">v{run.DefinitionVersion}</span></td><td>{PageLayout.Encode(result)}</td><td>{PageLayout.Encode(ticket)}</td></tr>
                """);
        }

        return html.Append("</tbody></table>").ToString();
    }

    private static string Body(SandboxRun run)
    {
        var summary = TestRunSummary.Of(run);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <div class="toolbar"><h1>Test run: {PageLayout.Encode(run.PolicyName)} <span class="muted">v{run.DefinitionVersion}</span></h1>
            <a class="button" href="/studio/workflows/{PageLayout.Encode(Uri.EscapeDataString(run.DefinitionId))}">Back to the designer</a></div>
            <p class="muted">A sandbox run: the sample ticket below exists only in this run, no live policy saw it, and its clock ran
            {PageLayout.Encode(Duration(run.SimulatedUntil - run.StartedAt))} ahead with nobody answering, firing the policy's timers.</p>
            """);
        html.Append(run.Started
            ? $"""<p>Instance <code>{PageLayout.Encode(run.InstanceId)}</code>: <strong>{PageLayout.Encode(run.Status)} / {PageLayout.Encode(run.SubStatus)}</strong></p>"""
            : $"""<p class="error">The policy did not start: {PageLayout.Encode(run.NotStartedReason)}</p>""");
        if (summary.Ticket is { } ticket)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <p>Sample ticket “{PageLayout.Encode(ticket.Subject)}” from {PageLayout.Encode(ticket.Requester.Name)}{(ticket.Requester.Vip ? " (VIP)" : "")}:
                now in <strong>{PageLayout.Encode(ticket.Tier)}</strong>{(ticket.Owner is null ? "" : $" with {PageLayout.Encode(ticket.Owner)}")},
                {PageLayout.Encode(ticket.Status.ToText())}, priority {PageLayout.Encode(ticket.Priority.ToText())}.</p>
                """);
        }

        foreach (var incident in run.Incidents)
        {
            html.Append($"""<p class="error">Fault in activity {PageLayout.Encode(incident.ActivityId)} ({PageLayout.Encode(incident.ActivityType)}): {PageLayout.Encode(incident.Message)}</p>""");
        }

        html.Append("<table><thead><tr><th>After</th><th>What happened</th><th>By</th></tr></thead><tbody>");
        foreach (var step in summary.Timeline)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{PageLayout.Encode(Duration(step.After))}</td><td>{PageLayout.Encode(step.Summary)}</td><td>{PageLayout.Encode(step.Actor)}</td></tr>");
        }

        html.Append("</tbody></table>");
        foreach (var note in (run.Ticket?.Messages ?? []).Where(m => m.Kind == MessageKind.InternalNote).OrderBy(m => m.Sequence))
        {
            html.Append(CultureInfo.InvariantCulture, $"""<h2>Briefing / note at +{PageLayout.Encode(Duration(note.At - run.StartedAt))}</h2><pre style="white-space:pre-wrap;background:#fff;padding:12px">{PageLayout.Encode(note.Body)}</pre>""");
        }

        return html.ToString();
    }

    private static string Duration(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "0m",
        { TotalHours: < 1 } => $"{span.Minutes}m",
        _ => $"{(int)span.TotalHours}h {span.Minutes:00}m",
    };
}
