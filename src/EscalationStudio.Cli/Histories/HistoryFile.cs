using System.IO.Compression;
using System.Runtime.CompilerServices;
using EscalationStudio.Policies.Replay;

namespace EscalationStudio.Cli.Histories;

/// <summary>
/// A ticket history on disk, read as the replay's <see cref="HistoryEvent"/>s; entries that cannot be used are counted
/// by reason in <see cref="Unusable"/> (never silently dropped). Gzip files (<c>.gz</c>) are read as they are.
/// </summary>
internal abstract class HistoryFile(string path)
{
    private UnusableRows _unusable = new();

    public string Path { get; } = path;

    /// <summary>Rows or lines that could not be used, by reason, as the last pass read to its end counted them.</summary>
    public IReadOnlyDictionary<string, long> Unusable => Volatile.Read(ref _unusable).ByReason;

    /// <summary>Where the first of them are, by reason: the lines of the file, as an editor numbers them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> UnusableAt => Volatile.Read(ref _unusable).FirstLines;

    /// <summary>
    /// The entries in time order; read again from the start on every call. Passes may run at once (a comparison reads
    /// the history once per side, both sides together), so each counts the rows it cannot use on its own.
    /// </summary>
    public async IAsyncEnumerable<HistoryEvent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var unusable = new UnusableRows();
        await foreach (var entry in ReadAsync(unusable, cancellationToken))
        {
            yield return entry;
        }

        Volatile.Write(ref _unusable, unusable);
    }

    /// <summary>Chooses the reader by <paramref name="format"/> or, when null, by the file's extension.</summary>
    /// <exception cref="Commands.UsageException">Unknown format, missing mapping, or a missing file.</exception>
    public static HistoryFile Open(string path, string? format, string? mapping)
    {
        if (!File.Exists(path))
        {
            throw new Commands.UsageException($"history {path} does not exist");
        }

        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        format ??= System.IO.Path.GetExtension(name).TrimStart('.').ToLowerInvariant() switch
        {
            "jsonl" or "ndjson" or "json" => "jsonl",
            "csv" => "csv",
            "xes" or "xml" => "xes",
            var other => throw new Commands.UsageException($"cannot tell the format of {path} from '.{other}': give --format jsonl, csv or xes"),
        };
        return format switch
        {
            "jsonl" => new JsonLinesHistory(path),
            "csv" => new CsvHistory(path, HistoryMapping.Read(mapping ?? throw new Commands.UsageException(
                "a CSV history needs --mapping <file> (which column is what, and which group is which tier)"))),
            "xes" => new XesHistory(path, mapping is null ? HistoryMapping.Xes : HistoryMapping.Read(mapping)),
            _ => throw new Commands.UsageException($"unknown history format '{format}': use jsonl, csv or xes"),
        };
    }

    /// <summary>One pass over the file, counting what it cannot use in <paramref name="unusable"/>.</summary>
    protected abstract IAsyncEnumerable<HistoryEvent> ReadAsync(UnusableRows unusable, CancellationToken cancellationToken);

    protected TextReader OpenText()
    {
        Stream stream = File.OpenRead(Path);
        if (Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        return new StreamReader(stream, bufferSize: 1 << 16);
    }
}
