using EscalationStudio.Domain.Actors;
using EscalationStudio.Domain.Org;
using static EscalationStudio.Domain.Tickets.TicketStatus;

namespace EscalationStudio.Domain.Tickets;

public sealed partial class Ticket
{
    /// <summary>The whole status lifecycle in one place: from each status, where a ticket may go.</summary>
    private static readonly Dictionary<TicketStatus, TicketStatus[]> PermittedTransitions = new()
    {
        [New] = [Open, Pending, OnHold, Solved],
        [Open] = [Pending, OnHold, Solved],
        [Pending] = [Open, OnHold, Solved],   // waiting on the customer
        [OnHold] = [Open, Pending, Solved],   // waiting on a third party
        [Solved] = [Open, Closed],            // reopened, or closed for good
        [Closed] = [],                        // final: a follow-up becomes a new ticket
    };

    /// <summary>Customer replies wake a waiting or solved ticket up again.</summary>
    private static readonly TicketStatus[] ReopenedByCustomerReply = [Pending, OnHold, Solved];

    public static IReadOnlyList<TicketStatus> TransitionsFrom(TicketStatus status) => PermittedTransitions[status];

    public bool CanMoveTo(TicketStatus status) => PermittedTransitions[Status].Contains(status);

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
