namespace EscalationStudio.Domain.Tickets;

/// <summary>What happened to a ticket. The names are stored as text and are part of the replay format: add, never rename.</summary>
public enum TicketEventType
{
    Created,
    MessageAdded,
    StatusChanged,

    /// <summary>Lateral: another owner in the same tier.</summary>
    Reassigned,

    /// <summary>An agent's manual flag asking for escalation; policies decide where the case goes.</summary>
    EscalationRequested,

    /// <summary>Vertical: up a level or to a specialist group.</summary>
    Escalated,

    /// <summary>Handed back down to a lower level, with a hand-back note.</summary>
    DeEscalated,
    PriorityChanged,
    TagAdded,
    CsatRecorded,

    /// <summary>A policy requires manager sign-off before the ticket may be solved.</summary>
    SignOffRequired,
    SignedOff,
    ApprovalGranted,

    /// <summary>An entry written by a policy or the system (briefing sent, SLA warning, ...); data.kind says which.</summary>
    TimelineEntry,
}
