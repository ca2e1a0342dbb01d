using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using static EscalationStudio.Domain.Tickets.TicketStatus;

namespace EscalationStudio.Domain.Tickets;

public sealed partial class Ticket
{
    /// <summary>
    /// The whole status lifecycle in one place: from each status, where a ticket may go, whether a customer reply
    /// reopens it, and whether it still takes messages, approvals and rejections of an approval. The README's
    /// lifecycle table is checked against this one.
    /// </summary>
    private static readonly Dictionary<TicketStatus, TicketStatusRules> Lifecycle = new()
    {
        [New] = new([Open, Pending, OnHold, Solved]),
        [Open] = new([Pending, OnHold, Solved]),
        [Pending] = new([Open, OnHold, Solved], CustomerReplyReopens: true),    // waiting on the customer
        [OnHold] = new([Open, Pending, Solved], CustomerReplyReopens: true),    // waiting on a third party
        [Solved] = new([Open, Closed], CustomerReplyReopens: true, TakesRejections: false),   // reopened, or closed for good
        [Closed] = new([], TakesMessages: false, TakesApprovals: false, TakesRejections: false),   // final: a follow-up becomes a new ticket
    };

    public static IReadOnlyList<TicketStatus> TransitionsFrom(TicketStatus status) => Lifecycle[status].MovesTo;

    internal static TicketStatusRules RulesOf(TicketStatus status) => Lifecycle[status];

    public bool CanMoveTo(TicketStatus status) => Lifecycle[Status].MovesTo.Contains(status);

    private TicketStatusRules Rules => Lifecycle[Status];

    /// <summary>Changes the status; setting the current status again changes nothing and records nothing.</summary>
    public void ChangeStatus(TicketStatus to, Actor by, AuthorityLevel authority, DateTimeOffset now, string? note = null)
    {
        if (to == Status)
        {
            return;
        }

        TicketText.EnsureStorable(note, "note");

        if (!CanMoveTo(to))
        {
            throw new TicketRuleViolationException(
                $"a {Describe(Status)} ticket cannot become {Describe(to)} (allowed: {string.Join(", ", TransitionsFrom(Status).Select(Describe).DefaultIfEmpty("none"))})");
        }

        if (to == Solved)
        {
            EnsureCanBeSolvedBy(by, authority);
        }

        var from = Status;
        Status = to;
        if (to == Solved && SignOffRequiredReason is not null)
        {
            IsSignedOff = true;
        }

        Append(TicketEventType.StatusChanged, by, now, new()
        {
            [TicketEventData.From] = from.ToText(),
            [TicketEventData.To] = to.ToText(),
            [TicketEventData.Note] = note ?? string.Empty,
        });
    }

    /// <summary>Why <paramref name="authority"/> may not solve this ticket, or null when it may.</summary>
    public string? WhyCannotBeSolvedBy(AuthorityLevel authority)
    {
        if (Requester.IsVip && !authority.CanCloseVip)
        {
            return $"ticket of VIP customer {Requester.Name} may only be solved by someone whose authority level may close VIP tickets";
        }

        if (SignOffRequiredReason is not null && !IsSignedOff && !authority.CanSignOff)
        {
            return $"ticket needs manager sign-off before it is solved: {SignOffRequiredReason}";
        }

        return null;
    }

    /// <summary>A policy (or a manager) requires manager sign-off before the ticket may be solved.</summary>
    public void RequireSignOff(string reason, Actor by, DateTimeOffset now)
    {
        EnsureActive("require sign-off on");
        TicketText.EnsureStorable(reason, "reason");
        SignOffRequiredReason = reason;
        IsSignedOff = false;
        Append(TicketEventType.SignOffRequired, by, now, new() { [TicketEventData.Reason] = reason });
    }

    public void SignOff(Actor by, AuthorityLevel authority, DateTimeOffset now, string? note = null)
    {
        if (SignOffRequiredReason is null)
        {
            throw new TicketRuleViolationException("this ticket does not need sign-off");
        }

        if (!authority.CanSignOff)
        {
            throw new AuthorityDeniedException($"{by} may not give manager sign-off");
        }

        TicketText.EnsureStorable(note, "note");

        IsSignedOff = true;
        Append(TicketEventType.SignedOff, by, now, new() { [TicketEventData.Note] = note ?? string.Empty });
    }

    private void EnsureCanBeSolvedBy(Actor by, AuthorityLevel authority)
    {
        if (WhyCannotBeSolvedBy(authority) is { } reason)
        {
            throw new AuthorityDeniedException($"{by} may not solve this ticket: {reason}");
        }
    }
}

/// <summary>What a ticket in one status allows (see the lifecycle table in <see cref="Ticket"/>).</summary>
/// <param name="MovesTo">The statuses it may become.</param>
/// <param name="CustomerReplyReopens">A customer reply makes it open again.</param>
/// <param name="TakesMessages">It takes messages at all.</param>
/// <param name="TakesApprovals">An approval may be granted on it.</param>
/// <param name="TakesRejections">An approval may be declined on it.</param>
internal sealed record TicketStatusRules(
    TicketStatus[] MovesTo,
    bool CustomerReplyReopens = false,
    bool TakesMessages = true,
    bool TakesApprovals = true,
    bool TakesRejections = true);
