namespace EscalationStudio.Policies.Replay;

/// <summary>
/// The tiers a replayed ticket went through and who moved it each time, as the replay writes a path:
/// <c>tier-1 → billing (retention-fast-lane) → tier-1 (agent:ana)</c>. Ids, so that the CLI, the API and the approved
/// snapshots stay stable; a page puts them in the org's words with <see cref="Describe"/>.
/// </summary>
/// <param name="Moves">Each move's tier and mover: a policy's id, or an actor (<c>agent:ana</c>).</param>
public sealed record ReplayPath(string FirstTier, IReadOnlyList<(string To, string By)> Moves)
{
    private const string Arrow = " → ";

    public override string ToString() => Describe(tier => tier, mover => mover);

    /// <summary>The same path with tiers and movers named by the caller, e.g. from the org directory and the policies.</summary>
    public string Describe(Func<string, string> tierName, Func<string, string> moverName) =>
        string.Concat([tierName(FirstTier), .. Moves.Select(m => $"{Arrow}{tierName(m.To)} ({moverName(m.By)})")]);

    /// <summary>A path as <see cref="ToString"/> wrote it; null when the text is not one.</summary>
    public static ReplayPath? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split(Arrow);
        var moves = new List<(string, string)>();
        foreach (var part in parts.Skip(1))
        {
            var open = part.LastIndexOf(" (", StringComparison.Ordinal);
            if (open <= 0 || !part.EndsWith(')'))
            {
                return null;
            }

            moves.Add((part[..open], part[(open + 2)..^1]));
        }

        return new ReplayPath(parts[0], moves);
    }
}
