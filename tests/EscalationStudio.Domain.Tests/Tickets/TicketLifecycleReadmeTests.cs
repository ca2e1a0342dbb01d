using EscalationStudio.Domain.Tests.Org;
using EscalationStudio.Domain.Tickets;

namespace EscalationStudio.Domain.Tests.Tickets;

/// <summary>The README's lifecycle table says what the domain's table in Ticket.Lifecycle.cs does.</summary>
public sealed class TicketLifecycleReadmeTests
{
    [Fact]
    public void The_README_lifecycle_table_is_the_domain_s()
    {
        var readme = File.ReadAllLines(Path.Combine(OrgDirectoryFileTests.RepositoryFolder(), "README.md"));
        var rows = readme.SkipWhile(line => line != "### Ticket lifecycle").Skip(1)
            .TakeWhile(line => !line.StartsWith('#'))
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(Cells)
            .ToList();

        Assert.Equal(Enum.GetValues<TicketStatus>().Select(Row), rows);
    }

    private static string[] Row(TicketStatus status)
    {
        var rules = Ticket.RulesOf(status);
        return
        [
            $"`{status.ToText()}`",
            rules.MovesTo.Length == 0 ? "—" : string.Join(", ", rules.MovesTo.Select(s => s.ToText())),
            !rules.TakesMessages ? "is refused" : rules.CustomerReplyReopens ? "reopens it" : "is added",
            rules.TakesApprovals ? "yes" : "no",
            rules.TakesRejections ? "yes" : "no",
        ];
    }

    // Words in parentheses explain a cell ("— (final: …)"); the table's claim is the rest.
    private static string[] Cells(string row) =>
        [.. row.Trim('|').Split('|').Select(cell => cell.Split(" (", 2)[0].Trim())];
}
