using System.Globalization;
using EscalationStudio.Policies.Health;
using EscalationStudio.Server.Studio.Forms;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Server.Studio.Pages;

/// <summary><c>/studio</c>: every policy with its state, newest change first, and a way to start a new one.</summary>
internal static class PolicyListPage
{
    public static async Task<IResult> RenderAsync(HttpContext context, IWorkflowDefinitionStore store, PolicyHealth? health, CancellationToken cancellationToken)
    {
        var policies = (await store.SummarizeAsync(cancellationToken)).OrderByDescending(p => p.LastChangedAt).ToList();
        var rows = policies.Count == 0
            ? """<tr><td colspan="5" class="muted">No policies yet.</td></tr>"""
            : string.Concat(policies.Select(p => Row(p, health?.FindSuspension(p.DefinitionId))));
        var newPolicy = StudioAuthentication.MayEdit(context.User)
            ? $"""<form method="post" action="/studio/policies">{StudioForms.TokenField(context)}<button type="submit">New policy</button></form>"""
            : """<span class="muted">You can view policies; managers and admins edit them.</span>""";

        return PageLayout.Html("Policies", $"""
            {PageLayout.Header(context)}
            <main>
              <div class="toolbar"><h1>Escalation policies</h1>{newPolicy}</div>
              <table>
                <thead><tr><th>Name</th><th>Description</th><th>Version</th><th>State</th><th>Last change</th></tr></thead>
                <tbody>{rows}</tbody>
              </table>
            </main>
            """);
    }

    private static string Row(DefinitionSummary policy, PolicySuspension? suspension)
    {
        var state = policy switch
        {
            { PublishedVersion: { } live, LatestIsDraft: true } => $"""<span class="status published">Published v{live}</span> <span class="status draft">Draft v{policy.LatestVersion}</span>""",
            { PublishedVersion: not null } => """<span class="status published">Published</span>""",
            _ => """<span class="status draft">Draft</span>""",
        };
        if (suspension is not null)
        {
            state += $""" <span class="status suspended" title="{PageLayout.Encode(suspension.Describe())}">Suspended</span>""";
        }
        var href = "/studio/workflows/" + Uri.EscapeDataString(policy.DefinitionId);
        return $"""
            <tr data-definition-id="{PageLayout.Encode(policy.DefinitionId)}">
              <td><a href="{href}">{PageLayout.Encode(policy.Name ?? policy.DefinitionId)}</a></td>
              <td>{PageLayout.Encode(policy.Description)}</td>
              <td>{policy.LatestVersion}</td>
              <td>{state}</td>
              <td><time datetime="{policy.LastChangedAt:O}">{policy.LastChangedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</time></td>
            </tr>
            """;
    }
}
