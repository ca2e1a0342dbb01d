namespace EscalationStudio.Cli.Histories;

/// <summary>
/// The rows or lines of one pass over a history that could not be used, counted by reason, with the first few lines
/// of each reason, so that an admin can open the file there.
/// </summary>
internal sealed class UnusableRows
{
    /// <summary>How many lines are kept for each reason; the count says how many there are in all.</summary>
    public const int LinesKept = 5;

    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> _lines = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ByReason => _byReason;

    /// <summary>The first <see cref="LinesKept"/> line numbers (1-based, as an editor shows them) of each reason.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<long>> FirstLines => _lines.ToDictionary(p => p.Key, p => (IReadOnlyList<long>)p.Value, StringComparer.Ordinal);

    public void Count(string reason, long line)
    {
        _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
        if (!_lines.TryGetValue(reason, out var lines))
        {
            _lines[reason] = lines = [];
        }

        if (lines.Count < LinesKept)
        {
            lines.Add(line);
        }
    }
}
