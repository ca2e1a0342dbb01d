using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Sandbox;
using EscalationStudio.Server.Tickets;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Server.ElsaApi.WorkflowDefinitions;

/// <summary>A test run as the execute endpoint answers it: the sample ticket and its timeline in the ticket API's shapes.</summary>
internal sealed record TestRunSummary(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    string Policy,
    string? WorkflowInstanceId,
    string? Status,
    string? SubStatus,
    DateTimeOffset StartedAt,
    DateTimeOffset SimulatedUntil,
    TicketResponse? Ticket,
    IReadOnlyList<TestRunStep> Timeline,
    IReadOnlyList<ActivityIncident> Incidents,
    Guid? CopiedFrom,
    IReadOnlyList<SandboxInjection> Injected)
{
    /// <param name="org">Tiers and agents by name in the steps' lines, as the desk and the briefings call them.</param>
    public static TestRunSummary Of(SandboxRun run, OrgDirectory org) => new(run.Id, run.DefinitionId, run.DefinitionVersion, run.PolicyName, run.InstanceId,
        run.Status, run.SubStatus, run.StartedAt, run.SimulatedUntil, run.Ticket is null ? null : TicketResponse.From(run.Ticket),
        [.. run.Timeline.Select(e => TestRunStep.Of(e, run, org))], run.Incidents, run.CopiedFrom, run.Injected);
}

/// <summary>One event on the sample ticket, with how long into the run it happened and a line a manager can read.</summary>
/// <param name="ActorName">The actor as people read it: the policy under test by its name, its step by the step's name.</param>
internal sealed record TestRunStep(
    int Sequence,
    TicketEventType Type,
    string Actor,
    string ActorName,
    DateTimeOffset OccurredAt,
    TimeSpan After,
    string Summary,
    IReadOnlyDictionary<string, string> Data)
{
    public static TestRunStep Of(TicketEvent e, SandboxRun run, OrgDirectory org) =>
        new(e.Sequence, e.Type, e.Actor.ToString(), NameOf(e, run), e.OccurredAt, e.OccurredAt - run.StartedAt, Describe(e, org), e.Data);

    private static string NameOf(TicketEvent e, SandboxRun run) => e.Actor.Kind switch
    {
        Domain.Actors.ActorKind.Policy when e.Actor.Id == run.DefinitionId =>
            $"policy \"{run.PolicyName}\"{(e[TicketEventData.Activity] is { Length: > 0 } step ? $", step \"{run.StepName(step)}\"" : "")}",
        Domain.Actors.ActorKind.Customer when run.Ticket?.Requester is { } requester && e.Actor.Id == requester.Id.ToString() => $"{requester.Name} (customer)",
        _ => e.Actor.ToString(),
    };

    private static string Describe(TicketEvent e, OrgDirectory org)
    {
        string Tier(string key) => e[key] is { Length: > 0 } id ? org.TierName(id) : "?";
        string Agent(string key) => e[key] is { Length: > 0 } id ? org.AgentName(id) : "queue";
        string Owner(string key) => e[key] is { Length: > 0 } ? $" ({Agent(key)})" : "";
        return e.Type switch
        {
            TicketEventType.Created => $"Ticket opened in {Tier(TicketEventData.Tier)}",
            TicketEventType.Escalated => $"Escalated {Tier(TicketEventData.From)} → {Tier(TicketEventData.To)}{Owner(TicketEventData.ToOwner)}: {e[TicketEventData.Reason]}",
            TicketEventType.DeEscalated => $"Handed back {Tier(TicketEventData.From)} → {Tier(TicketEventData.To)}{Owner(TicketEventData.ToOwner)}: {e[TicketEventData.Note]}",
            TicketEventType.Reassigned => $"Reassigned {Agent(TicketEventData.FromOwner)} → {Agent(TicketEventData.ToOwner)}",
            TicketEventType.MessageAdded => $"{MessageLabel(e[TicketEventData.MessageKind])}: {OneLine(e[TicketEventData.Body])}",
            TicketEventType.PriorityChanged => $"Priority {e[TicketEventData.From]} → {e[TicketEventData.To]}{Why(e[TicketEventData.Reason])}",
            TicketEventType.StatusChanged => $"Status {e[TicketEventData.From]} → {e[TicketEventData.To]}{Why(e[TicketEventData.Note])}",
            TicketEventType.TagAdded => $"Tag {e[TicketEventData.Tag]}",
            TicketEventType.TimelineEntry => $"{e[TicketEventData.Kind]}: {OneLine(e[TicketEventData.Text])}",
            _ => e.Type.ToString(),
        };
    }

    private static string Why(string? reason) => string.IsNullOrEmpty(reason) ? "" : $": {reason}";

    private static string MessageLabel(string? kind) => kind == "internal-note" ? "Internal note (briefing)" : kind + " message";

    /// <summary>Briefings and customer notes are long Markdown; the timeline row shows their start on one line.</summary>
    private static string OneLine(string? text)
    {
        var line = string.Join(' ', (text ?? "").Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
