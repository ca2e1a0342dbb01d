using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Activities;
using EscalationStudio.Policies.Activities.Sla;
using EscalationStudio.Policies.Naming;
using EscalationStudio.Policies.Sla;
using EscalationStudio.Policies.Templates;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Briefings;

/// <summary>The SLA targets a briefing reports when the policy itself does not say which.</summary>
internal sealed class BriefingOptions
{
    public IReadOnlyList<SlaTarget> SlaTargets { get; set; } =
    [
        SlaTarget.Of(SlaMetric.FirstResponse, TimeSpan.FromHours(4), 50, 75, 90),
        SlaTarget.Of(SlaMetric.Resolution, TimeSpan.FromHours(24), 50, 75, 90),
    ];
}

/// <summary>Renders a template for the ticket an activity runs for, with the handover the ticket's timeline shows last.</summary>
internal sealed class BriefingComposer(TemplateRenderer renderer, BriefingOptions options, PolicyNames? names = null)
{
    public TemplateRenderer Renderer => renderer;

    /// <param name="sla">The clocks to report; null = the default targets (<see cref="BriefingOptions"/>).</param>
    internal async Task<string> ComposeAsync(ActivityExecutionContext context, string templateName, BriefingApproval? approval = null, string? reason = null, IReadOnlyList<SlaState>? sla = null)
    {
        var ticketId = context.TicketId();
        var (ticket, timeline) = await context.WithDeskAsync(async desk =>
        {
            var timeline = await desk.GetTimelineAsync(ticketId);
            // Right after this run's own desk command the ticket it answered is the one the timeline ends with: no second read.
            var ticket = RunTickets.Matching(context, ticketId, timeline)
                ?? await desk.FindAsync(ticketId)
                ?? throw new TicketNotFoundException(ticketId);
            return (ticket, timeline);
        });
        var org = context.Org();
        var now = context.TimeProvider.GetUtcNow();
        var clock = SlaCalendars.ClockFor(org, null, ticket.TierId);
        var fired = SlaTimer.FiredTarget(context);
        var request = new BriefingRequest(
            LastHandover(ticket, timeline, reason),
            new BriefingPolicy
            {
                Id = context.DefinitionId,
                Name = PolicyName(context),
                Version = context.DefinitionVersion,
                Activity = names?.Step(context.DefinitionId, context.DefinitionVersion, context.Activity.Id)
                    ?? StepNames.Readable(context.Activity.Name, context.Activity.Type, null),
            },
            sla ?? SlaStates(fired, org, ticket, clock, timeline, now),
            Approval: approval,
            TimeZone: clock.Zone.Id,
            PolicyName: names is null ? null : names.Policy);
        var model = BriefingBuilder.Build(ticket, timeline, org, request, now);
        return (await renderer.RenderAsync(templateName, model)).Text;
    }

    /// <summary>
    /// The target the policy's own SLA timer fired on comes first and replaces the org default for the same metric:
    /// a case escalated on a 2 h breach is briefed with the 2 h target, not the org's 4 h.
    /// </summary>
    private List<SlaState> SlaStates((SlaTarget Target, string? Calendar)? fired, OrgDirectory org, Ticket ticket, Domain.Calendars.BusinessClock clock,
        IReadOnlyList<TicketEvent> timeline, DateTimeOffset now)
    {
        var states = options.SlaTargets.Where(t => t.Metric != fired?.Target.Metric).Select(t => SlaClock.Evaluate(t, clock, timeline, now)).ToList();
        if (fired is { } own)
        {
            states.Insert(0, SlaClock.Evaluate(own.Target, SlaCalendars.ClockFor(org, own.Calendar, ticket.TierId), timeline, now));
        }

        return states;
    }

    private static string PolicyName(ActivityExecutionContext context) =>
        (context.Services.GetService(typeof(PublishedWorkflows)) as PublishedWorkflows)?.FindByVersionId(context.DefinitionVersionId)?.Name
        ?? context.DefinitionId;

    internal static BriefingHandover LastHandover(Ticket ticket, IReadOnlyList<TicketEvent> timeline, string? reason)
    {
        var move = timeline.LastOrDefault(e => e.Type is TicketEventType.Escalated or TicketEventType.DeEscalated or TicketEventType.Reassigned);
        if (move is null)
        {
            return new BriefingHandover
            {
                Kind = "none",
                FromTier = ticket.TierId,
                FromOwner = ticket.OwnerAgentId,
                ToTier = ticket.TierId,
                ToOwner = ticket.OwnerAgentId,
                Reason = reason ?? string.Empty,
                Note = null,
            };
        }

        var kind = move.Type switch
        {
            TicketEventType.Escalated => "escalation",
            TicketEventType.DeEscalated => "de-escalation",
            _ => "reassignment",
        };
        return new BriefingHandover
        {
            Kind = kind,
            FromTier = move[TicketEventData.From] ?? move[TicketEventData.Tier] ?? ticket.TierId,
            FromOwner = Empty(move[TicketEventData.FromOwner]),
            ToTier = move[TicketEventData.To] ?? move[TicketEventData.Tier] ?? ticket.TierId,
            ToOwner = Empty(move[TicketEventData.ToOwner]),
            Reason = reason ?? move[TicketEventData.Reason] ?? move[TicketEventData.Note] ?? string.Empty,
            Note = move.Type == TicketEventType.DeEscalated ? Empty(move[TicketEventData.Note]) : null,
        };
    }

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
