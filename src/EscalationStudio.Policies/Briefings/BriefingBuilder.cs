using System.Globalization;
using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Signals;
using EscalationStudio.Policies.Sla;

namespace EscalationStudio.Policies.Briefings;

/// <summary>Builds a <see cref="BriefingModel"/> from a ticket, its timeline and the org directory.</summary>
internal static class BriefingBuilder
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
        var sentiment = SentimentScorer.ScoreConversation(customerMessages.Prepend(ticket.OpeningWords));
        var receivingTier = org.FindTier(request.Handover.ToTier);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

        return new BriefingModel
        {
            Ticket = new BriefingTicket
            {
                Id = ticket.Id.ToString(),
                Subject = ticket.Subject,
                Description = ticket.Description,
                Priority = Text(ticket.Priority),
                Status = Text(ticket.Status),
                Channel = Text(ticket.Channel),
                CreatedAt = Local(ticket.CreatedAt),
                Tags = ticket.Tags,
                SignOffRequiredReason = ticket.SignOffRequiredReason,
            },
            Customer = new BriefingCustomer
            {
                Name = customer.Name,
                Email = customer.Email,
                Organisation = customer.Organisation,
                IsVip = customer.IsVip,
                LifetimeValue = customer.LifetimeValue,
            },
            Handover = request.Handover with
            {
                FromTier = TierName(org, request.Handover.FromTier),
                ToTier = TierName(org, request.Handover.ToTier),
                FromOwner = AgentName(org, request.Handover.FromOwner),
                ToOwner = AgentName(org, request.Handover.ToOwner),
            },
            Policy = request.Policy,
            TierHistory = [.. TierHistory(timeline, org, request.PolicyName).Select(step => step with { At = Local(step.At) })],
            Conversation = Conversation(ticket, org, Local, request.PolicyName),
            Sla = [.. request.Sla.Select(Describe).Select(sla => sla with { DueAt = sla.DueAt is { } due ? Local(due) : null })],
            Authority = Authority(receivingTier, request.Handover.ToTier),
            Signals = new BriefingSignals
            {
                Sentiment = sentiment.Score,
                SentimentWords = [.. sentiment.Drivers.Where(d => d.Contribution < 0).Select(d => d.Word)],
                Keywords = [.. (request.Keywords?.Match(ticket.Subject, string.Join("\n", customerMessages.Prepend(ticket.Description))) ?? [])
                    .Select(m => m.Keyword).Distinct(StringComparer.OrdinalIgnoreCase)],
                ManagerRequestPhrase = customerMessages.Count == 0 ? null : ManagerRequestDetector.Detect(customerMessages[^1]).Phrase,
            },
            Approval = request.Approval is { DecideBy: { } decideBy } approval ? approval with { DecideBy = Local(decideBy) } : request.Approval,
            GeneratedAt = Local(now),
            TimeZone = zone.Id,
        };
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

    private static List<BriefingTierStep> TierHistory(IReadOnlyList<TicketEvent> timeline, OrgDirectory org, Func<string, string>? policyName)
    {
        var steps = new List<BriefingTierStep>();
        foreach (var e in timeline.OrderBy(e => e.Sequence))
        {
            var step = e.Type switch
            {
                TicketEventType.Created => new BriefingTierStep
                {
                    At = e.OccurredAt,
                    Kind = "created",
                    FromTier = null,
                    ToTier = TierName(org, e[TicketEventData.Tier]),
                    FromOwner = null,
                    ToOwner = AgentName(org, e[TicketEventData.Owner]),
                    Reason = null,
                    Policy = null,
                    By = Describe(e.Actor, org, policyName),
                },
                TicketEventType.Escalated or TicketEventType.DeEscalated => new BriefingTierStep
                {
                    At = e.OccurredAt,
                    Kind = e.Type == TicketEventType.Escalated ? "escalated" : "de-escalated",
                    FromTier = TierName(org, e[TicketEventData.From]),
                    ToTier = TierName(org, e[TicketEventData.To]),
                    FromOwner = AgentName(org, e[TicketEventData.FromOwner]),
                    ToOwner = AgentName(org, e[TicketEventData.ToOwner]),
                    Reason = NullIfEmpty(e[TicketEventData.Reason]) ?? NullIfEmpty(e[TicketEventData.Note]),
                    Policy = NullIfEmpty(e[TicketEventData.Policy]) is { } policy && policyName is not null ? policyName(policy) : NullIfEmpty(e[TicketEventData.Policy]),
                    By = Describe(e.Actor, org, policyName),
                },
                TicketEventType.Reassigned => new BriefingTierStep
                {
                    At = e.OccurredAt,
                    Kind = "reassigned",
                    FromTier = TierName(org, e[TicketEventData.Tier]),
                    ToTier = TierName(org, e[TicketEventData.Tier]),
                    FromOwner = AgentName(org, e[TicketEventData.FromOwner]),
                    ToOwner = AgentName(org, e[TicketEventData.ToOwner]),
                    Reason = NullIfEmpty(e[TicketEventData.Note]),
                    Policy = null,
                    By = Describe(e.Actor, org, policyName),
                },
                _ => null,
            };
            if (step is not null)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private static BriefingConversation Conversation(Ticket ticket, OrgDirectory org, Func<DateTimeOffset, DateTimeOffset> local, Func<string, string>? policyName)
    {
        var messages = ticket.Messages.OrderBy(m => m.At).ToList();
        var recent = messages.TakeLast(RecentMessages).Select(m =>
        {
            var body = m.Body.Trim();
            var truncated = body.Length > ExcerptCharacters;
            return new BriefingMessage
            {
                At = local(m.At),
                Author = Text(m.Kind),
                AuthorName = AuthorName(m.Author, ticket, org, policyName),
                Excerpt = truncated ? body[..ExcerptCharacters].TrimEnd() + "…" : body,
                IsTruncated = truncated,
            };
        });
        return new BriefingConversation
        {
            CustomerMessageCount = messages.Count(m => m.Kind == MessageKind.Customer),
            AgentReplyCount = messages.Count(m => m.Kind == MessageKind.Agent),
            InternalNoteCount = messages.Count(m => m.Kind == MessageKind.InternalNote),
            EarlierCount = Math.Max(0, messages.Count - RecentMessages),
            Recent = [.. recent],
        };
    }

    private static BriefingSla Describe(SlaState state) => new()
    {
        Metric = Text(state.Target.Metric),
        Phase = Text(state.Phase),
        Target = Duration(state.Target.Target),
        Elapsed = Duration(state.Elapsed),
        Remaining = Duration(state.Remaining),
        PercentElapsed = Math.Round(state.PercentElapsed, 1),
        DueAt = state.DueAt,
        IsBreached = state.IsBreached,
    };

    private static BriefingAuthority Authority(Tier? tier, string tierId)
    {
        if (tier is null)
        {
            return new BriefingAuthority
            {
                Tier = tierId,
                RefundCap = 0,
                CreditCap = 0,
                MayCloseVipTickets = false,
                MayApproveContractChanges = false,
                MaySignOff = false,
                Abilities = [],
                Limits = [$"tier '{tierId}' is not in the org directory, so no authority is known"],
            };
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

        return new BriefingAuthority
        {
            Tier = tier.Name,
            RefundCap = level.RefundCap,
            CreditCap = level.CreditCap,
            MayCloseVipTickets = level.MayCloseVipTickets,
            MayApproveContractChanges = level.MayApproveContractChanges,
            MaySignOff = level.MaySignOff,
            Abilities = abilities,
            Limits = limits,
        };
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

    private static string AuthorName(Actor author, Ticket ticket, OrgDirectory org, Func<string, string>? policyName) => author.Kind switch
    {
        ActorKind.Customer => ticket.Requester.Name,
        _ => Describe(author, org, policyName),
    };

    private static string Describe(Actor actor, OrgDirectory org, Func<string, string>? policyName) => actor.Kind switch
    {
        ActorKind.Agent => org.AgentName(actor.Id),
        ActorKind.Policy when policyName is not null => $"policy \"{policyName(actor.Id)}\"",
        _ => actor.ToString(),
    };

    private static string TierName(OrgDirectory org, string? tierId) =>
        string.IsNullOrEmpty(tierId) ? "(none)" : org.TierName(tierId);

    private static string? AgentName(OrgDirectory org, string? agentId) =>
        string.IsNullOrEmpty(agentId) ? null : org.AgentName(agentId);

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>Templates see enum values the way the API writes them: <c>on-hold</c>, <c>first-response</c>.</summary>
    private static string Text<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToText();
}
