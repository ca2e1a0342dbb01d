namespace EscalationStudio.Policies.Health;

/// <summary>A policy held back because its runs kept faulting, until it is published again or resumed.</summary>
/// <param name="DefinitionId">The policy.</param>
/// <param name="FaultedRuns">The faulted runs in a row that suspended it.</param>
/// <param name="LastInstanceId">The instance of the last of them; the suspension's incident is stored with it.</param>
/// <param name="LastFault">What the last of them failed with.</param>
public sealed record PolicySuspension(string DefinitionId, DateTimeOffset SuspendedAt, int FaultedRuns, string LastInstanceId, string LastFault)
{
    public string Describe() =>
        $"Policy '{DefinitionId}' is suspended since {SuspendedAt:u} after {FaultedRuns} faulted runs in a row " +
        $"(last: instance {LastInstanceId}: {LastFault}). It starts and resumes no runs until it is published again or resumed.";
}
