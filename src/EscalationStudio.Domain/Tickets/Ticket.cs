using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Customers;
using EscalationStudio.Domain.Org;

namespace EscalationStudio.Domain.Tickets;

/// <summary>
/// A customer's case. State changes only through the domain verbs (this file and its partial siblings), and each
/// verb appends a <see cref="TicketEvent"/>: the events are the history, the properties are the current picture.
/// </summary>
public sealed partial class Ticket
{
    private readonly List<TicketMessage> _messages = [];
    private readonly List<TicketEvent> _uncommittedEvents = [];
    private List<string> _tags = [];

    private Ticket()
    {
        Subject = string.Empty;
        Description = string.Empty;
        TierId = string.Empty;
    }

    // Every persisted field: a copy must answer exactly as the original does. (Uncommitted events are not state yet.)
    private Ticket(Ticket committed)
    {
        Id = committed.Id;
        Subject = committed.Subject;
        Description = committed.Description;
        RequesterId = committed.RequesterId;
        Requester = committed.Requester;
        Channel = committed.Channel;
        Priority = committed.Priority;
        Status = committed.Status;
        TierId = committed.TierId;
        OwnerAgentId = committed.OwnerAgentId;
        _tags = [.. committed._tags];
        _messages = [.. committed._messages];
        CsatScore = committed.CsatScore;
        CsatComment = committed.CsatComment;
        EscalationRequestReason = committed.EscalationRequestReason;
        SignOffRequiredReason = committed.SignOffRequiredReason;
        IsSignedOff = committed.IsSignedOff;
        CreatedAt = committed.CreatedAt;
        UpdatedAt = committed.UpdatedAt;
        Version = committed.Version;
    }

    public Guid Id { get; private set; }

    public string Subject { get; private set; }

    public string Description { get; private set; }

    public Guid RequesterId { get; private set; }

    public Customer Requester { get; private set; } = null!;

    public TicketChannel Channel { get; private set; }

    public TicketPriority Priority { get; private set; }

    public TicketStatus Status { get; private set; }

    /// <summary>The tier (ladder level or specialist group) that owns the case now.</summary>
    public string TierId { get; private set; }

    /// <summary>The agent working the case, or null while it waits in the tier's queue.</summary>
    public string? OwnerAgentId { get; private set; }

    public IReadOnlyList<string> Tags => _tags;

    public IReadOnlyList<TicketMessage> Messages => _messages;

    public int? CsatScore { get; private set; }

    public string? CsatComment { get; private set; }

    /// <summary>Set while an agent's manual escalation flag waits for a policy (or a manager) to act on it.</summary>
    public string? EscalationRequestReason { get; private set; }

    /// <summary>Set when a policy requires manager sign-off before the ticket may be solved.</summary>
    public string? SignOffRequiredReason { get; private set; }

    public bool IsSignedOff { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Number of events so far; the sequence of the last event. Guards against concurrent writers.</summary>
    public int Version { get; private set; }

    /// <summary>Events appended since the ticket was loaded; the store commits them with the ticket, then clears them.</summary>
    public IReadOnlyList<TicketEvent> UncommittedEvents => _uncommittedEvents;

    public bool IsActive => Status is not (TicketStatus.Solved or TicketStatus.Closed);

    public static Ticket Create(
        Guid id,
        string subject,
        string description,
        Customer requester,
        TicketChannel channel,
        TicketPriority priority,
        Tier entryTier,
        Agent? owner,
        IEnumerable<string> tags,
        Actor by,
        DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(subject) || subject.Trim().Length > TicketLimits.SubjectLength)
        {
            throw new TicketRuleViolationException($"a subject of 1 to {TicketLimits.SubjectLength} characters is required", "subject");
        }

        TicketText.EnsureStorable(subject, "subject");
        TicketText.EnsureStorable(description, "description");
        tags = [.. tags];
        foreach (var tag in tags)
        {
            TicketText.EnsureStorable(tag, "tags");
        }

        if (owner is not null && !SameId(owner.TierId, entryTier.Id))
        {
            throw new TicketRuleViolationException($"agent '{owner.Id}' works in {owner.TierId}, not in {entryTier.Id}", "owner");
        }

        var ticket = new Ticket
        {
            Id = id,
            Subject = subject.Trim(),
            Description = description,
            RequesterId = requester.Id,
            Requester = requester,
            Channel = channel,
            Priority = priority,
            Status = TicketStatus.New,
            TierId = entryTier.Id,
            OwnerAgentId = owner?.Id,
            CreatedAt = now,
        };
        ticket._tags = [.. tags.Select(NormaliseTag).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)];
        ticket.Append(TicketEventType.Created, by, now, new()
        {
            [TicketEventData.Subject] = ticket.Subject,
            [TicketEventData.Priority] = priority.ToText(),
            [TicketEventData.Channel] = channel.ToText(),
            [TicketEventData.Tier] = entryTier.Id,
            [TicketEventData.Owner] = owner?.Id ?? string.Empty,
            [TicketEventData.Customer] = requester.Id.ToString(),
            [TicketEventData.Vip] = requester.IsVip ? "true" : "false",
            [TicketEventData.Tags] = string.Join(',', ticket._tags),
        });
        return ticket;
    }

    /// <summary>
    /// Opens the ticket <paramref name="request"/> asks for: in its tier (the org directory's entry tier when it names
    /// none) with its owner, both of which the directory must know.
    /// </summary>
    public static Ticket Create(Guid id, NewTicket request, Customer requester, OrgDirectory directory, Actor by, DateTimeOffset now)
    {
        var tier = request.TierId is null
            ? directory.EntryTier ?? throw new TicketRuleViolationException("the org directory has no tiers, so a ticket has nowhere to land", "tier")
            : directory.FindTier(request.TierId) ?? throw new TicketRuleViolationException($"unknown tier '{request.TierId}'", "tier");
        Agent? owner = null;
        if (request.OwnerAgentId is not null)
        {
            owner = directory.FindAgent(request.OwnerAgentId) ?? throw new TicketRuleViolationException($"unknown agent '{request.OwnerAgentId}'", "owner");
        }

        return Create(id, request.Subject, request.Description, requester, request.Channel, request.Priority, tier, owner, request.Tags ?? [], by, now);
    }

    /// <summary>
    /// A copy for the next change, so this ticket stays as it was committed for whoever still reads it: the store keeps
    /// committed tickets to spare reloading them, and callers and observers read the ticket they were handed later on.
    /// Messages and the requester never change once written, so the copy shares them.
    /// </summary>
    public Ticket Copy()
    {
        if (_uncommittedEvents.Count > 0)
        {
            throw new InvalidOperationException($"ticket {Id} has {_uncommittedEvents.Count} uncommitted events; only a committed ticket is copied");
        }

        return new Ticket(this);
    }

    /// <summary>Called by the store once the events are committed.</summary>
    public IReadOnlyList<TicketEvent> TakeUncommittedEvents()
    {
        var events = _uncommittedEvents.ToArray();
        _uncommittedEvents.Clear();
        return events;
    }

    private void Append(TicketEventType type, Actor by, DateTimeOffset now, Dictionary<string, string> data)
    {
        // The verbs check their own text first; this catches whatever else reaches an event (a policy's decision, an
        // actor's id), since an event that cannot be stored would fail the whole commit.
        TicketText.EnsureStorable(by.Id, "actor");
        foreach (var (key, value) in data)
        {
            TicketText.EnsureStorable(key, key);
            TicketText.EnsureStorable(value, key);
        }

        Version++;
        UpdatedAt = now;
        _uncommittedEvents.Add(new TicketEvent(Guid.CreateVersion7(now), Id, Version, type, by, now, data));
    }

    private void EnsureActive(string verb)
    {
        if (!IsActive)
        {
            throw new TicketRuleViolationException($"cannot {verb} a {Describe(Status)} ticket; reopen it first");
        }
    }

    private static string Describe(TicketStatus status) => status.ToText();

    private static string Format(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    private static bool SameId(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static string NormaliseTag(string tag) => tag.Trim().ToLowerInvariant();
}
