using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Signals;
using EscalationStudio.Policies.Sla;

namespace EscalationStudio.Policies.Briefings;

/// <summary>Builds a <see cref="BriefingModel"/> from a ticket, its timeline and the org directory.</summary>
public static class BriefingBuilder
{
    public const int RecentMessages = 8;
    public const int ExcerptCharacters = 400;

    public static BriefingModel Build(Ticket ticket, IReadOnlyList<TicketEvent> timeline, OrgDirectory org, BriefingRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(request);

        var customer = ticket.Requester;
        var customerMessages = ticket.Messages.Where(m => m.Kind == MessageKind.Customer).Select(m => m.Body).ToList();
        var sentiment = SentimentScorer.ScoreConversation(customerMessages.Prepend(ticket.Description));
        var receivingTier = org.FindTier(request.Handover.ToTier);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

        return new BriefingModel(
            new BriefingTicket(
                ticket.Id.ToString(),
                ticket.Subject,
                ticket.Description,
                Text(ticket.Priority),
                Text(ticket.Status),
                Text(ticket.Channel),
                Local(ticket.CreatedAt),
                ticket.Tags,
                ticket.SignOffRequiredReason),
            new BriefingCustomer(customer.Name, customer.Email, customer.Organisation, customer.IsVip, customer.LifetimeValue),
            request.Handover with
            {
                FromTier = TierName(org, request.Handover.FromTier),
                ToTier = TierName(org, request.Handover.ToTier),
                FromOwner = AgentName(org, request.Handover.FromOwner),
                ToOwner = AgentName(org, request.Handover.ToOwner),
            },
            request.Policy,
            [.. TierHistory(timeline, org).Select(step => step with { At = Local(step.At) })],
            Conversation(ticket, org, Local),
            [.. request.Sla.Select(Describe).Select(sla => sla with { DueAt = sla.DueAt is { } due ? Local(due) : null })],
            Authority(receivingTier, request.Handover.ToTier),
            new BriefingSignals(
                customerMessages.Count == 0 && string.IsNullOrWhiteSpace(ticket.Description) ? null : sentiment.Score,
                [.. sentiment.Drivers.Where(d => d.Contribution < 0).Select(d => d.Word)],
                [.. (request.Keywords?.Match(ticket.Subject, string.Join("\n", customerMessages.Prepend(ticket.Description))) ?? [])
                    .Select(m => m.Keyword).Distinct(StringComparer.OrdinalIgnoreCase)],
                customerMessages.Count == 0 ? null : ManagerRequestDetector.Detect(customerMessages[^1]).Phrase),
            request.Approval is { DecideBy: { } decideBy } approval ? approval with { DecideBy = Local(decideBy) } : request.Approval,
            Local(now),
            zone.Id);
    }

    /// <summary>"2h 30m", "45m", "3d 4h" (a business day is not 24 h, so days are only used past 72 hours).</summary>
    public static string Duration(TimeSpan duration)
    {
        var minutes = (long)Math.Round(duration.TotalMinutes);
        var hours = minutes / 60;
        return hours switch
        {
            0 => $"{minutes}m",
            < 72 => minutes % 60 == 0 ? $"{hours}h" : $"{hours}h {minutes % 60}m",
            _ => hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d {hours % 24}h",
        };
    }

    private static List<BriefingTierStep> TierHistory(IReadOnlyList<TicketEvent> timeline, OrgDirectory org)
    {
        var steps = new List<BriefingTierStep>();
        foreach (var e in timeline.OrderBy(e => e.Sequence))
        {
            var step = e.Type switch
            {
                TicketEventType.Created => new BriefingTierStep(e.OccurredAt, "created", null, TierName(org, e[TicketEventData.Tier]), null,
                    AgentName(org, e[TicketEventData.Owner]), null, null, Describe(e.Actor, org)),
                TicketEventType.Escalated or TicketEventType.DeEscalated => new BriefingTierStep(e.OccurredAt,
                    e.Type == TicketEventType.Escalated ? "escalated" : "de-escalated",
                    TierName(org, e[TicketEventData.From]), TierName(org, e[TicketEventData.To]),
                    AgentName(org, e[TicketEventData.FromOwner]), AgentName(org, e[TicketEventData.ToOwner]),
                    NullIfEmpty(e[TicketEventData.Reason]) ?? NullIfEmpty(e[TicketEventData.Note]),
                    NullIfEmpty(e[TicketEventData.Policy]), Describe(e.Actor, org)),
                TicketEventType.Reassigned => new BriefingTierStep(e.OccurredAt, "reassigned", TierName(org, e[TicketEventData.Tier]),
                    TierName(org, e[TicketEventData.Tier]), AgentName(org, e[TicketEventData.FromOwner]), AgentName(org, e[TicketEventData.ToOwner]),
                    NullIfEmpty(e[TicketEventData.Note]), null, Describe(e.Actor, org)),
                _ => null,
            };
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static BriefingConversation Conversation(Ticket ticket, OrgDirectory org, Func<DateTimeOffset, DateTimeOffset> local)
    {
        var messages = ticket.Messages.OrderBy(m => m.At).ToList();
        var recent = messages.TakeLast(RecentMessages).Select(m =>
        {
            var body = m.Body.Trim();
            var truncated = body.Length > ExcerptCharacters;
            return new BriefingMessage(local(m.At), Text(m.Kind), AuthorName(m.Author, ticket, org),
                truncated ? body[..ExcerptCharacters].TrimEnd() + "…" : body, truncated);
        });
        return new BriefingConversation(
            messages.Count(m => m.Kind == MessageKind.Customer),
            messages.Count(m => m.Kind == MessageKind.Agent),
            messages.Count(m => m.Kind == MessageKind.InternalNote),
            Math.Max(0, messages.Count - RecentMessages),
            [.. recent]);
    }

    private static BriefingSla Describe(SlaState state) => new(
        Text(state.Target.Metric),
        Text(state.Phase),
        Duration(state.Target.Target),
        Duration(state.Elapsed),
        Math.Round(state.PercentElapsed, 1),
        state.DueAt,
        state.IsBreached);

    private static BriefingAuthority Authority(Tier? tier, string tierId)
    {
        if (tier is null)
        {
            return new BriefingAuthority(tierId, 0, 0, false, false, false, [], [$"tier '{tierId}' is not in the org directory, so no authority is known"]);
        }

        var level = tier.Authority;
        var abilities = new List<string>();
        var limits = new List<string>();
        AddCap(level.RefundCap, "approve refunds", abilities, limits);
        AddCap(level.CreditCap, "grant goodwill credits", abilities, limits);
        (level.MayCloseVipTickets ? abilities : limits).Add(level.MayCloseVipTickets ? "close tickets of VIP customers" : "cannot close tickets of VIP customers without a manager");
        (level.MayApproveContractChanges ? abilities : limits).Add(level.MayApproveContractChanges ? "approve contract changes" : "cannot approve contract changes");
        if (level.MaySignOff)
        {
            abilities.Add("give the manager sign-off a policy may require before solving");
        }

        return new BriefingAuthority(tier.Name, level.RefundCap, level.CreditCap, level.MayCloseVipTickets,
            level.MayApproveContractChanges, level.MaySignOff, abilities, limits);
    }

    private static void AddCap(decimal cap, string verb, List<string> abilities, List<string> limits)
    {
        if (cap <= 0)
        {
            limits.Add($"cannot {verb} alone");
        }
        else if (cap == decimal.MaxValue)
        {
            abilities.Add($"{verb} of any amount");
        }
        else
        {
            abilities.Add(string.Create(CultureInfo.InvariantCulture, $"{verb} up to {cap:#,0.##}"));
        }
    }

    private static string AuthorName(Actor author, Ticket ticket, OrgDirectory org) => author.Kind switch
    {
        ActorKind.Customer => ticket.Requester.Name,
        ActorKind.Agent => org.FindAgent(author.Id)?.Name ?? author.Id,
        _ => author.ToString(),
    };

    private static string Describe(Actor actor, OrgDirectory org) =>
        actor.Kind == ActorKind.Agent ? org.FindAgent(actor.Id)?.Name ?? actor.Id : actor.ToString();

    private static string TierName(OrgDirectory org, string? tierId) =>
        string.IsNullOrEmpty(tierId) ? "(none)" : org.FindTier(tierId)?.Name ?? tierId;

    private static string? AgentName(OrgDirectory org, string? agentId) =>
        string.IsNullOrEmpty(agentId) ? null : org.FindAgent(agentId)?.Name ?? agentId;

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Templates see enum values the way the API writes them: <c>on-hold</c>, <c>first-response</c>.</summary>
    private static string Text<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToText();
}
