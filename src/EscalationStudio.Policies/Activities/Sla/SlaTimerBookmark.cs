namespace EscalationStudio.Policies.Activities.Sla;

/// <summary>
/// What a waiting SLA timer leaves in the bookmark table for others to read (the desk shows the time left from it):
/// its due time is the target's next point (a warning or the breach), and its metadata holds the breach itself.
/// </summary>
public static class SlaTimerBookmark
{
    /// <summary>The stimulus name of the bookmark an SLA timer waits on.</summary>
    public const string Name = "Escalation.SlaDue";

    /// <summary>Metadata key: when the target is breached if the clock keeps running (round-trip "O" format).</summary>
    public const string BreachAt = "breachAt";

    /// <summary>Metadata key: the measured target, as timeline entries name it (<c>first-response</c>).</summary>
    public const string Metric = "metric";

    /// <summary>
    /// Metadata key: the statuses the clock stands still in, comma-separated as tickets name them (<c>pending</c>). A
    /// paused timer arms nothing new, so its bookmark keeps counting down to the breach as it stood: a reader compares
    /// the ticket's status with these before it shows that countdown.
    /// </summary>
    public const string PausedWhile = "pausedWhile";
}
