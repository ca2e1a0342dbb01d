using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities.Sla;
using EscalationStudio.Policies.Briefings;
using EscalationStudio.Policies.Replay;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Policies.Sla;

namespace EscalationStudio.Policies.Templates;

/// <summary>
/// A template rendered for one ticket outside a policy run (<c>escalation render</c>): the ticket is rebuilt from its
/// history on an in-memory desk (the domain's own changes, so its state is the one the server would hold), the
/// briefing model is the server's own (<see cref="BriefingBuilder"/>, the handover the timeline shows last, the
/// default SLA targets), and the renderer is the server's, with its limits.
/// </summary>
public static class TemplatePreview
{
    /// <param name="history">One ticket's events, oldest first, starting with its created event. Every recorded
    /// move is applied as recorded, policies' moves included (a preview shows the ticket as it was, it recomputes nothing).</param>
    /// <param name="now">The time the briefing is made at; default: the last event's.</param>
    /// <param name="approval">For an approval request template: what is asked, as Require approval would ask it.</param>
    /// <exception cref="TemplatePreviewException">The template cannot be found, parsed or rendered (names file and line).</exception>
    /// <exception cref="ArgumentException">The history has no created event.</exception>
    public static async Task<TemplatePreviewResult> RenderAsync(TemplateLibrary library, OrgDirectory org, string template,
        IReadOnlyList<HistoryEvent> history, DateTimeOffset? now = null, (ApprovalKind Kind, decimal? Amount)? approval = null,
        CancellationToken cancellationToken = default)
    {
        var created = history.FirstOrDefault(e => e.Type == TicketEventType.Created)
            ?? throw new ArgumentException("the ticket's history has no created event", nameof(history));
        var clock = new StepClock(created.At);
        var desk = new InMemoryTicketDesk(new Directory(org), clock, () => []);
        var ticket = await desk.CreateAsync(HistoryActions.ToNewTicket(created), created.Actor, cancellationToken);
        var refused = new List<string>();
        foreach (var e in history.Where(e => e != created))
        {
            clock.MoveTo(e.At);
            // Stand in for the actor so a policy's recorded move is applied too, then put the recorded actor back.
            var (change, _) = HistoryActions.ToChange(e with { Actor = e.IsPoliciesOwn ? Actor.User(e.Actor.Id) : e.Actor }, ticket);
            if (change is null)
            {
                continue;
            }

            try
            {
                ticket = await desk.ApplyAsync(ticket.Id, e.IsPoliciesOwn ? change with { By = e.Actor } : change, cancellationToken);
            }
            catch (Exception rule) when (rule is TicketRuleViolationException or AuthorityDeniedException or ArgumentException)
            {
                refused.Add($"{e.Type.ToText()} at {e.At:O}: {rule.Message}");
            }
        }

        var at = now ?? history[^1].At;
        clock.MoveTo(at);
        var timeline = await desk.GetTimelineAsync(ticket.Id, cancellationToken);
        var sla = SlaCalendars.ClockFor(org, null, ticket.TierId);
        var request = new BriefingRequest(
            BriefingComposer.LastHandover(ticket, timeline, null),
            Policy: null,
            [.. new BriefingOptions().SlaTargets.Select(t => SlaClock.Evaluate(t, sla, timeline, at))],
            Approval: approval is { } asked ? BriefingApproval.For(org, ticket, asked.Kind, asked.Amount, "a preview of the request", org.ApproverFor(asked.Kind, asked.Amount), null) : null,
            TimeZone: sla.Zone.Id);
        var model = BriefingBuilder.Build(ticket, timeline, org, request, at);
        try
        {
            var rendered = await new TemplateRenderer(library).RenderAsync(template, model, cancellationToken);
            return new TemplatePreviewResult(library.RelativeFile(library.Resolve(template)), rendered.Text, refused);
        }
        catch (TemplateException error)
        {
            throw new TemplatePreviewException(error.File, error.Line, error.Column, error.Problem, error);
        }
    }

    private sealed class Directory(OrgDirectory org) : IOrgDirectorySource
    {
        public OrgDirectory Current => org;
    }

    private sealed class StepClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void MoveTo(DateTimeOffset at)
        {
            if (at > _now)
            {
                _now = at;
            }
        }
    }
}

/// <param name="File">The template's file, relative to the templates folder.</param>
/// <param name="Refused">History entries the ticket's rules refused while it was rebuilt (the preview shows the ticket without them).</param>
public sealed record TemplatePreviewResult(string File, string Text, IReadOnlyList<string> Refused);

/// <summary>A template that cannot be found, parsed or rendered.</summary>
/// <param name="Line">1-based, as an editor shows it; null when the problem has no line (a missing file).</param>
public sealed class TemplatePreviewException(string file, int? line, int? column, string problem, Exception inner)
    : Exception(inner.Message, inner)
{
    public string File { get; } = file;

    public int? Line { get; } = line;

    public int? Column { get; } = column;

    public string Problem { get; } = problem;
}
