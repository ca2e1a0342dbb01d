using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace EscalationStudio.Persistence.Tickets;

/// <summary>
/// How EF Core snapshots and compares a ticket's tags and an event's data. Each comparison is one static method
/// call: a lambda nested in a comparer's expression (such as LINQ's <c>Aggregate((hash, pair) =&gt; …)</c>, or EF's
/// own primitive-collection comparer) compiles to code that builds a new delegate through reflection every time it
/// runs, and these run for every tracked ticket and event on the desk's hot path.
/// </summary>
internal static class TicketValueComparers
{
    public static readonly ValueComparer<IReadOnlyList<string>> Tags = new(
        (a, b) => TagsEqual(a, b),
        tags => TagsHash(tags),
        tags => TagsSnapshot(tags));

    public static readonly ValueComparer<IReadOnlyDictionary<string, string>> Data = new(
        (a, b) => DataEqual(a, b),
        data => DataHash(data),
        data => data);

    private static bool TagsEqual(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b, StringComparer.Ordinal));

    private static int TagsHash(IReadOnlyList<string> tags)
    {
        var hash = new HashCode();
        foreach (var tag in tags)
        {
            hash.Add(tag, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    // A copy: the snapshot must not change when the domain changes its list.
    private static IReadOnlyList<string> TagsSnapshot(IReadOnlyList<string> tags) => [.. tags];

    // Event data never changes once written; equal contents, in any order, are the same data.
    private static bool DataEqual(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    // Order-independent, like the equality.
    private static int DataHash(IReadOnlyDictionary<string, string> data)
    {
        var hash = 0;
        foreach (var (key, value) in data)
        {
            hash ^= HashCode.Combine(key, value);
        }

        return hash;
    }
}
