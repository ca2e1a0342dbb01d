namespace EscalationStudio.Cli.Histories;

/// <summary>The rows or lines of one pass over a history that could not be used, counted by reason.</summary>
internal sealed class UnusableRows
{
    private readonly Dictionary<string, long> _byReason = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> ByReason => _byReason;

    public void Count(string reason) => _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
}
