using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Tests.Replay;

internal static class ReplayReports
{
    /// <summary>Paths sorted by ticket key: a report keeps them in a dictionary, whose order is no part of the answer.</summary>
    public static ReplayReport WithSortedPaths(this ReplayReport report) =>
        report with { Paths = new SortedDictionary<string, string>(report.Paths!.ToDictionary(), StringComparer.Ordinal) };
}
