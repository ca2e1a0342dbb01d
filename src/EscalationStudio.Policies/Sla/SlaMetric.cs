namespace EscalationStudio.Policies.Sla;

/// <summary>What an SLA target measures.</summary>
public enum SlaMetric
{
    /// <summary>From the ticket's creation to the first public agent reply.</summary>
    FirstResponse,

    /// <summary>From the oldest customer message the team has not answered yet to the next public agent reply; restarts with every cycle.</summary>
    NextResponse,

    /// <summary>From creation to solved; a reopened ticket continues where it stopped (total resolution time).</summary>
    Resolution,

    /// <summary>How long the ticket has been open (not solved), counted like <see cref="Resolution"/>; drives "open longer than" rules.</summary>
    OpenLongerThan,
}
