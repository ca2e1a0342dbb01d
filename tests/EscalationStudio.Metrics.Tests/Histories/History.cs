using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Metrics.Tests.Histories;

/// <summary>
/// Writes one ticket's events by hand, with the data keys the domain's verbs write, so a test states a history the
/// way a support lead tells it ("created in tier-1, escalated by refund-guard v3 two hours later...").
/// </summary>
internal sealed class History
{
    private readonly List<TicketEvent> _events = [];
    private DateTimeOffset _now;
    private TicketStatus _status = TicketStatus.New;
    private string _tier = string.Empty;
    private string? _owner;

    public History(DateTimeOffset createdAt, Guid? ticketId = null)
    {
        _now = createdAt;
        TicketId = ticketId ?? Guid.NewGuid();
    }

    public Guid TicketId { get; }

    public IReadOnlyList<TicketEvent> Events => _events;

    public History At(DateTimeOffset at)
    {
        _now = at;
        return this;
    }

    public History After(TimeSpan wait) => At(_now + wait);

    public History Created(string tier = "tier-1", string? owner = "ana", TicketPriority priority = TicketPriority.Normal,
        TicketChannel channel = TicketChannel.Email, bool vip = false)
    {
        _tier = tier;
        _owner = owner;
        return Add(TicketEventType.Created, Actor.System, new()
        {
            [TicketEventData.Subject] = "Cannot export invoices",
            [TicketEventData.Priority] = priority.ToText(),
            [TicketEventData.Channel] = channel.ToText(),
            [TicketEventData.Tier] = tier,
            [TicketEventData.Owner] = owner ?? string.Empty,
            [TicketEventData.Customer] = Guid.Empty.ToString(),
            [TicketEventData.Vip] = vip ? "true" : "false",
            [TicketEventData.Tags] = string.Empty,
        });
    }

    /// <summary>A policy's escalation when <paramref name="policy"/> is given, else a manual one by <paramref name="by"/>.</summary>
    public History Escalated(string to, string? owner = null, string? policy = null, int? version = null, string? trigger = null,
        DateTimeOffset? triggeredAt = null, Actor? by = null) =>
        Moved(TicketEventType.Escalated, to, owner, policy, version, trigger, triggeredAt, by);

    public History DeEscalated(string to, string? owner = null, string? policy = null, int? version = null, Actor? by = null) =>
        Moved(TicketEventType.DeEscalated, to, owner, policy, version, null, null, by);

    public History Reassigned(string to)
    {
        var from = _owner;
        _owner = to;
        return Add(TicketEventType.Reassigned, Actor.Agent(to), new()
        {
            [TicketEventData.Tier] = _tier,
            [TicketEventData.FromOwner] = from ?? string.Empty,
            [TicketEventData.ToOwner] = to,
            [TicketEventData.Note] = string.Empty,
        });
    }

    public History Status(TicketStatus to)
    {
        var from = _status;
        _status = to;
        return Add(TicketEventType.StatusChanged, Actor.Agent(_owner ?? "ana"), new()
        {
            [TicketEventData.From] = from.ToText(),
            [TicketEventData.To] = to.ToText(),
            [TicketEventData.Note] = string.Empty,
        });
    }

    public History Solved() => Status(TicketStatus.Solved);

    /// <summary>The customer's reply, which reopens a solved or waiting ticket as the domain does.</summary>
    public History CustomerReply(string body = "still broken")
    {
        Add(TicketEventType.MessageAdded, Actor.Customer(Guid.Empty), new()
        {
            [TicketEventData.MessageId] = Guid.NewGuid().ToString(),
            [TicketEventData.MessageKind] = MessageKind.Customer.ToText(),
            [TicketEventData.Body] = body,
        });
        return _status is TicketStatus.Solved or TicketStatus.Pending or TicketStatus.OnHold ? Status(TicketStatus.Open) : this;
    }

    public History AgentReply() =>
        Add(TicketEventType.MessageAdded, Actor.Agent(_owner ?? "ana"), new()
        {
            [TicketEventData.MessageId] = Guid.NewGuid().ToString(),
            [TicketEventData.MessageKind] = MessageKind.Agent.ToText(),
            [TicketEventData.Body] = "on it",
        });

    public History Csat(int score) =>
        Add(TicketEventType.CsatRecorded, Actor.Customer(Guid.Empty), new()
        {
            [TicketEventData.Score] = score.ToString(CultureInfo.InvariantCulture),
            [TicketEventData.Comment] = string.Empty,
        });

    public History Priority(TicketPriority to) =>
        Add(TicketEventType.PriorityChanged, Actor.Agent(_owner ?? "ana"), new()
        {
            [TicketEventData.From] = TicketPriority.Normal.ToText(),
            [TicketEventData.To] = to.ToText(),
            [TicketEventData.Reason] = string.Empty,
        });

    /// <summary>An SLA timer's entry; a null metric writes it as entries were written before the metric was recorded.</summary>
    public History SlaWarning(string? metric, string policy = "sla-policy") => Sla("sla-warning", metric, policy);

    public History SlaBreached(string? metric, string policy = "sla-policy") => Sla("sla-breached", metric, policy);

    public History Note(string kind) =>
        Add(TicketEventType.TimelineEntry, Actor.System, new() { [TicketEventData.Kind] = kind, [TicketEventData.Text] = kind });

    private History Sla(string kind, string? metric, string policy)
    {
        var data = new Dictionary<string, string>
        {
            [TicketEventData.Kind] = kind,
            [TicketEventData.Text] = kind,
            [TicketEventData.Policy] = policy,
        };
        if (metric is not null)
        {
            data[TicketEventData.SlaMetric] = metric;
        }

        return Add(TicketEventType.TimelineEntry, Actor.Policy(policy), data);
    }

    private History Moved(TicketEventType type, string to, string? owner, string? policy, int? version, string? trigger, DateTimeOffset? triggeredAt, Actor? by)
    {
        var data = new Dictionary<string, string>
        {
            [TicketEventData.From] = _tier,
            [TicketEventData.To] = to,
            [TicketEventData.FromOwner] = _owner ?? string.Empty,
            [TicketEventData.ToOwner] = owner ?? string.Empty,
            [type == TicketEventType.DeEscalated ? TicketEventData.Note : TicketEventData.Reason] = "because",
            [TicketEventData.Policy] = policy ?? string.Empty,
            [TicketEventData.PolicyVersion] = version?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            [TicketEventData.Activity] = policy is null ? string.Empty : "escalate",
        };
        if (trigger is not null)
        {
            data[TicketEventData.Trigger] = trigger;
            data[TicketEventData.TriggeredAt] = triggeredAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
        }

        _tier = to;
        _owner = owner;
        return Add(type, by ?? (policy is null ? Actor.Agent("ana") : Actor.Policy(policy)), data);
    }

    private History Add(TicketEventType type, Actor by, Dictionary<string, string> data)
    {
        _events.Add(new TicketEvent(Guid.NewGuid(), TicketId, _events.Count + 1, type, by, _now, data));
        return this;
    }
}
