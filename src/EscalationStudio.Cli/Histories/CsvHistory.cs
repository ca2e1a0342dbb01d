using System.Runtime.CompilerServices;
using CsvHelper;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Histories;

/// <summary>
/// An event log exported from another helpdesk (ServiceNow, Zendesk, Jira) as CSV with a header row, read through a
/// <see cref="HistoryMapping"/>. Such exports are usually ordered by ticket, so the rows are put in time order first.
/// </summary>
internal sealed class CsvHistory(string path, HistoryMapping mapping) : HistoryFile(path)
{
    protected override async IAsyncEnumerable<HistoryEvent> ReadAsync(UnusableRows unusable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = new List<HistoryEvent>();
        using (var csv = CsvReader.Create(OpenText(), new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: false))
        {
            await csv.ReadHeaderAsync(cancellationToken);
            var headers = csv.Headers.ToList();
            if (headers.Count == 0)
            {
                unusable.Count("the file has no header row", 1);
                yield break;
            }

            foreach (var column in new[] { mapping.Columns.Ticket, mapping.Columns.Timestamp, mapping.Columns.Kind }.Where(c => !headers.Contains(c, StringComparer.Ordinal)))
            {
                throw new Commands.UsageException($"{Path}: the mapping's column '{column}' is not in the header ({string.Join(", ", headers)})");
            }

            while (await csv.ReadAsync(cancellationToken))
            {
                string? Column(string? name) => name is null || !headers.Contains(name, StringComparer.Ordinal) ? null : csv.GetStringOrNull(name);
                var (entry, reason) = mapping.ToEvent(Column(mapping.Columns.Ticket), Column);
                if (entry is not null)
                {
                    events.Add(entry);
                }
                else
                {
                    unusable.Count(reason!, csv.LineNumber);
                }
            }
        }

        foreach (var entry in events.OrderBy(e => e.At))
        {
            yield return entry;
        }
    }
}
