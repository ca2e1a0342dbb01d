namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// The outcome names an activity completes with. A flowchart follows a connection when its source port is one of
/// them (exact, case-sensitive match, as in Elsa).
/// </summary>
public sealed class Outcomes
{
    public const string DoneName = "Done";

    public static readonly Outcomes Done = new([DoneName]);

    /// <summary>No outcome: used to propagate a dead path (every outbound connection visited, none followed).</summary>
    public static readonly Outcomes Empty = new([]);

    public Outcomes(IReadOnlyList<string> names) => Names = names;

    public IReadOnlyList<string> Names { get; }

    public bool Contains(string? name)
    {
        foreach (var outcome in Names)
        {
            if (string.Equals(outcome, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static Outcomes From(params string[] names) => names.Length == 0 ? Done : new Outcomes(names);

    public override string ToString() => string.Join(",", Names);
}
