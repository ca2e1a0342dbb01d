namespace EscalationStudio.Policies.Backlog;

/// <summary>What one sweep of the open backlog did for one policy.</summary>
/// <param name="Covered">Open tickets the policy was started on.</param>
/// <param name="AlreadyCovered">Open tickets the policy had run on already (started at creation or by an earlier sweep).</param>
/// <param name="Failed">Tickets the policy could not start on, or started on with an incident; each is logged.</param>
/// <param name="Completed">False when the sweep stopped early: the host shut down, or the policy lost its SLA trigger.</param>
internal sealed record BacklogCoverageReport(string DefinitionId, int Covered, int AlreadyCovered, int Failed, bool Completed, TimeSpan Elapsed);
