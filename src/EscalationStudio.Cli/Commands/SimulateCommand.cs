using System.CommandLine;
using System.Globalization;
using EscalationStudio.Cli.Histories;
using EscalationStudio.Cli.Workspace;
using EscalationStudio.Metrics.Health;
using EscalationStudio.Policies.Replay;
using EscalationStudio.Workflows.Runtime;
using Spectre.Console;

namespace EscalationStudio.Cli.Commands;

/// <summary>
/// <c>escalation simulate --history &lt;file&gt; [--policies &lt;dir|rev&gt;] [--compare &lt;dir|rev&gt;] [--org &lt;file&gt;]</c>:
/// replays a history through the policies (<see cref="HistoryReplay"/>) and reports the escalation-health figures per
/// policy and tier; with <c>--compare</c>, both sides and the tickets whose path changed (<see cref="ReplayComparison"/>).
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var history = new Option<string>("--history") { Description = "The history: the server's export (.jsonl, .jsonl.gz), a CSV event log (with --mapping) or XES.", Required = true };
        var format = new Option<string?>("--format") { Description = "jsonl, csv or xes (default: by the file's extension)." };
        var mapping = new Option<string?>("--mapping") { Description = "For CSV and XES: which column is what, and which group is which tier (JSON)." };
        var policies = new Option<string?>("--policies") { Description = "The policies: a folder or a git revision (default: workflows/)." };
        var compare = new Option<string?>("--compare") { Description = "Policies to compare with: a folder or a git revision." };
        var org = new Option<string?>("--org") { Description = "The org directory (default: the policies' org/directory.json)." };
        var templates = new Option<string?>("--templates") { Description = "The templates folder (default: templates/)." };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object." };
        var failOnChange = new Option<bool>("--fail-on-change") { Description = "Exit 1 when a ticket's path changed (with --compare)." };
        var command = new Command("simulate", "Replay a ticket history through the policies on a virtual clock and report escalation health.")
        {
            history, format, mapping, policies, compare, org, templates, json, failOnChange,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var file = HistoryFile.Open(result.GetValue(history)!, result.GetValue(format), result.GetValue(mapping));
            using var baseline = PolicySource.Open(result.GetValue(policies) ?? PolicyFolders.Workflows);
            using var candidate = result.GetValue(compare) is { } other ? PolicySource.Open(other) : null;
            var directory = PolicyFolders.ReadOrg(result.GetValue(org) ?? baseline.OrgFile ?? PolicyFolders.Org(null));
            var library = PolicyFolders.ReadTemplates(PolicyFolders.Templates(result.GetValue(templates)));
            var (before, problems) = baseline.Read();
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"warning: skipped {problem}");
            }

            var quiet = result.GetValue(json);
            try
            {
                if (candidate is null)
                {
                    var report = await Terminal.WithProgressAsync("Replaying", quiet, progress =>
                        new HistoryReplay(directory, library, [.. before.Where(p => p.Definition.IsPublished).Select(p => p.Definition)]) { Progress = progress }
                            .RunAsync(file.ReadAsync(cancellationToken), cancellationToken));
                    if (quiet)
                    {
                        Terminal.WriteJson(new { history = file.Path, unusable = file.Unusable, unusableAt = file.UnusableAt, policies = baseline.Label, report });
                    }
                    else
                    {
                        WriteReport(report, file);
                    }

                    return report.Counts.Events == 0 ? NothingReplayed(file) : ExitCodes.Ok;
                }

                var (after, otherProblems) = candidate.Read();
                foreach (var problem in otherProblems)
                {
                    Console.Error.WriteLine($"warning: skipped {problem}");
                }

                var compared = await Terminal.WithProgressAsync("Replaying both", quiet, progress => ReplayComparison.CompareAsync(directory, library,
                    [.. before.Where(p => p.Definition.IsPublished).Select(p => p.Definition)],
                    [.. after.Where(p => p.Definition.IsPublished).Select(p => p.Definition)],
                    () => file.ReadAsync(cancellationToken), progress, cancellationToken: cancellationToken));
                if (quiet)
                {
                    Terminal.WriteJson(new
                    {
                        history = file.Path,
                        unusable = file.Unusable,
                        unusableAt = file.UnusableAt,
                        policies = baseline.Label,
                        compare = candidate.Label,
                        comparison = compared,
                    });
                }
                else
                {
                    WriteComparison(compared, baseline.Label, candidate.Label, file);
                }

                if (compared.After.Counts.Events == 0)
                {
                    return NothingReplayed(file);
                }

                return result.GetValue(failOnChange) && compared.ChangedPaths.Count > 0 ? ExitCodes.CheckFailed : ExitCodes.Ok;
            }
            catch (WorkflowValidationException e)
            {
                return Terminal.Fail("simulate", $"policy {e.Message}");
            }
        });
        return command;
    }

    /// <summary>
    /// A history of which nothing could be used is the wrong file or the wrong mapping, not a policy with nothing to do:
    /// a CI job comparing policies against it would otherwise pass on figures of nothing.
    /// </summary>
    private static int NothingReplayed(HistoryFile file) =>
        Terminal.Fail("simulate", file.Unusable.Count == 0
            ? $"{file.Path} has no events"
            : $"nothing in {file.Path} could be replayed: {file.Unusable.Values.Sum():N0} unusable, counted by reason");

    private static void WriteReport(ReplayReport report, HistoryFile file)
    {
        WriteCounts(report.Counts, file);
        if (report.Counts.Events == 0)
        {
            return;
        }

        var table = new Table().AddColumns("", "Tickets", "Escalated", "Time to escalate p50", "First-tier resolution", "CSAT escalated", "De-escalated", "Bounced");
        table.AddRow(Row("all tickets", report.Overall));
        foreach (var (policy, health) in report.ByPolicy)
        {
            table.AddRow(Row($"policy {policy}", health));
        }

        foreach (var (tier, health) in report.ByTier.Where(t => t.Value.Tickets > 0))
        {
            table.AddRow(Row($"tier {tier}", health));
        }

        Terminal.Out.Write(table);
        foreach (var (policy, runs) in report.FaultedRuns)
        {
            Terminal.Out.MarkupLine($"[red]{Markup.Escape(policy)}: {runs} runs faulted[/]");
        }
    }

    private static void WriteComparison(ComparedReplays compared, string before, string after, HistoryFile file)
    {
        WriteCounts(compared.After.Counts, file);
        if (compared.After.Counts.Events == 0)
        {
            return;
        }

        var table = new Table().AddColumns("Figure", Markup.Escape(before), Markup.Escape(after));
        foreach (var difference in compared.Differences)
        {
            var (a, b) = (difference.Unit.Format(difference.Before), difference.Unit.Format(difference.After));
            table.AddRow(Markup.Escape(difference.Figure), a, difference.Changed ? $"[yellow]{b}[/]" : b);
        }

        Terminal.Out.Write(table);
        Terminal.Out.MarkupLine(compared.DescribeChangedPaths());
        // Each side on a line of its own: the paths' own arrows would run into an arrow between them.
        foreach (var changed in compared.ChangedPaths.Take(50))
        {
            Terminal.Out.MarkupLine($"  {Markup.Escape(changed.Ticket)}");
            Terminal.Out.MarkupLine($"    [red]before[/] {Markup.Escape(changed.Before ?? "— (not replayed)")}");
            Terminal.Out.MarkupLine($"    [green]after[/]  {Markup.Escape(changed.After ?? "— (not replayed)")}");
        }

        if (compared.ChangedPaths.Count > 50)
        {
            Terminal.Out.MarkupLine($"  … and {compared.ChangedPaths.Count - 50} more (--json lists all)");
        }
    }

    private static void WriteCounts(ReplayCounts counts, HistoryFile file)
    {
        Terminal.Out.MarkupLine(counts.Events == 0
            ? $"no events of {Markup.Escape(file.Path)} replayed"
            : $"{counts.Events:N0} events of {counts.Tickets:N0} tickets ({counts.From:yyyy-MM-dd} to {counts.To:yyyy-MM-dd}); " +
              $"{counts.Replayed:N0} customer and agent actions replayed");
        var lines = file.UnusableAt;
        foreach (var (reason, count) in file.Unusable)
        {
            var where = lines.GetValueOrDefault(reason) is { Count: > 0 } first
                ? $" (line{(count > 1 ? "s" : "")} {string.Join(", ", first.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}{(count > first.Count ? ", …" : "")})"
                : "";
            Terminal.Out.MarkupLine($"  [yellow]unusable[/] {count:N0}: {Markup.Escape(reason + where)}");
        }

        foreach (var (reason, count) in counts.Skipped)
        {
            Terminal.Out.MarkupLine($"  skipped {count:N0}: {Markup.Escape(reason)}");
        }

        foreach (var (reason, count) in counts.Refused.OrderByDescending(r => r.Value).Take(10))
        {
            Terminal.Out.MarkupLine($"  [yellow]refused[/] {count:N0}: {Markup.Escape(reason)}");
        }
    }

    private static string[] Row(string label, EscalationHealthReport health) =>
    [
        Markup.Escape(label),
        FigureUnit.Count.Format(health.Tickets),
        FigureUnit.Share.Format(health.EscalationRate.Value),
        FigureUnit.Hours.Format(health.TimeToEscalate.WallClock.P50Hours),
        FigureUnit.Share.Format(health.FirstTierResolution.Value),
        FigureUnit.Score.Format(health.CsatEscalated.Mean),
        FigureUnit.Share.Format(health.DeEscalationRate.Value),
        FigureUnit.Share.Format(health.Bounce.Bounced.Value),
    ];
}
