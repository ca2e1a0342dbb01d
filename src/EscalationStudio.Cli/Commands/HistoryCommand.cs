using System.CommandLine;
using System.IO.Compression;
using EscalationStudio.Cli.Histories;
using EscalationStudio.Cli.Workspace;
using Spectre.Console;

namespace EscalationStudio.Cli.Commands;

/// <summary>
/// <c>escalation history generate --out file.jsonl.gz</c>: writes a generated, realistic history in the server's export
/// format (the repository's sample history was made with it).
/// </summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Where to write (.jsonl, or .jsonl.gz to compress).", Required = true };
        var tickets = new Option<int>("--tickets") { Description = "How many tickets.", DefaultValueFactory = _ => 3_000 };
        var days = new Option<int>("--days") { Description = "Over how many days they arrive.", DefaultValueFactory = _ => 91 };
        var start = new Option<DateTimeOffset>("--start") { Description = "When the first arrives (UTC).", DefaultValueFactory = _ => new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero) };
        var org = new Option<string?>("--org") { Description = "The org directory whose agents work the tickets (default: workflows/org/directory.json)." };
        var seed = new Option<int>("--seed") { Description = "The same seed writes the same history.", DefaultValueFactory = _ => 20261205 };
        var generate = new Command("generate", "Write a generated, realistic ticket history (business hours, VIPs, keyword cases, escalations, hand-backs, CSAT).")
        {
            output, tickets, days, start, org, seed,
        };
        generate.SetAction(async (result, cancellationToken) =>
        {
            if (result.GetValue(tickets) < 1 || result.GetValue(days) < 1)
            {
                return Terminal.Fail("history generate", "--tickets and --days must be at least 1");
            }

            var directory = PolicyFolders.ReadOrg(PolicyFolders.Org(result.GetValue(org)));
            var path = result.GetValue(output)!;
            await using Stream file = File.Create(path);
            await using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.SmallestSize) : file;
            await using var writer = new StreamWriter(stream);
            var sequences = new Dictionary<string, int>(StringComparer.Ordinal);
            long written = 0;
            DateTimeOffset? last = null;
            foreach (var entry in new HistoryGenerator(directory, result.GetValue(seed)).Generate(result.GetValue(tickets), result.GetValue(start), TimeSpan.FromDays(result.GetValue(days))))
            {
                written++;
                last = entry.At;
                var sequence = sequences[entry.TicketKey] = sequences.GetValueOrDefault(entry.TicketKey) + 1;
                if (entry.Type == Domain.Tickets.TicketEventType.StatusChanged && entry["to"] == "closed")
                {
                    sequences.Remove(entry.TicketKey);
                }

                await writer.WriteLineAsync(HistoryGenerator.ToJsonLine(entry, sequence).AsMemory(), cancellationToken);
            }

            Terminal.Out.MarkupLine(Markup.Escape(
                $"wrote {written:N0} events of {result.GetValue(tickets):N0} tickets ({result.GetValue(start):yyyy-MM-dd} to {last:yyyy-MM-dd}) to {path}"));
            return ExitCodes.Ok;
        });
        return new Command("history", "Ticket histories for simulate.") { generate };
    }
}
