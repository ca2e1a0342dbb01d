using System.Collections.Concurrent;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Workflows.Bookmarks;

namespace EscalationStudio.Policies.Dispatch;

/// <summary>
/// Which events of its ticket can resume a waiting activity (e.g. "a status change to solved"). It travels in the
/// bookmark's metadata, so the dispatcher skips every other event without loading the waiting instance. It may admit
/// more than the activity acts on, never less: the activity still decides when it is resumed. A bookmark without it
/// (written before filters existed, or by an activity that needs every event) is resumed by every event of its ticket.
/// </summary>
public sealed class TicketEventFilter
{
    public const string MetadataKey = "resumesOn";

    private const char ClauseSeparator = ';';
    private const char DataSeparator = ':';
    private const char ValueSeparator = '=';

    // Bookmarks repeat a handful of filter texts (one per waiting activity's settings): parse each text once.
    private static readonly ConcurrentDictionary<string, TicketEventFilter?> Parsed = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<Clause> _clauses;

    private TicketEventFilter(IReadOnlyList<Clause> clauses) => _clauses = clauses;

    /// <summary>Events of any of these types.</summary>
    public static TicketEventFilter On(params TicketEventType[] types) => new([.. types.Select(t => new Clause(t, null, null))]);

    /// <summary>Events of <paramref name="type"/> whose data <paramref name="key"/> says <paramref name="value"/>.</summary>
    public static TicketEventFilter When(TicketEventType type, string key, string value) => new TicketEventFilter([]).Or(type, key, value);

    /// <summary>Also events of <paramref name="type"/> whose data <paramref name="key"/> says <paramref name="value"/> (compared as ticket text: case, '-' and '_' ignored).</summary>
    public TicketEventFilter Or(TicketEventType type, string key, string value) =>
        // A value the metadata text cannot carry widens the clause to the whole event type: still admits all it must.
        new([.. _clauses, IsPlain(key) && IsPlain(value) ? new Clause(type, key, value) : new Clause(type, null, null)]);

    public bool Admits(TicketEvent ticketEvent) => _clauses.Any(c => c.Admits(ticketEvent));

    /// <summary>Bookmark metadata carrying this filter.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata() => new Dictionary<string, string>
    {
        [MetadataKey] = string.Join(ClauseSeparator, _clauses.Select(c => c.ToString())),
    };

    /// <summary>Whether the event may resume the bookmark: yes unless the bookmark carries a filter that rules it out.</summary>
    public static bool Admits(Bookmark bookmark, TicketEvent ticketEvent) =>
        bookmark.Metadata?.GetValueOrDefault(MetadataKey) is not { } text
        || Parsed.GetOrAdd(text, Parse) is not { } filter
        || filter.Admits(ticketEvent);

    /// <summary>Null (admit everything) for text this version cannot read, e.g. an event type added later.</summary>
    private static TicketEventFilter? Parse(string text)
    {
        var clauses = new List<Clause>();
        foreach (var part in text.Split(ClauseSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (typeText, condition) = part.Split(DataSeparator, 2) is [var t, var c] ? (t, c) : (part, null);
            if (!Enum.TryParse<TicketEventType>(typeText, out var type))
            {
                return null;
            }

            if (condition is null)
            {
                clauses.Add(new Clause(type, null, null));
            }
            else if (condition.Split(ValueSeparator, 2) is [var key, var value])
            {
                clauses.Add(new Clause(type, key, value));
            }
            else
            {
                return null;
            }
        }

        return clauses.Count == 0 ? null : new TicketEventFilter(clauses);
    }

    private static bool IsPlain(string text) =>
        text.Length > 0 && text.IndexOfAny([ClauseSeparator, DataSeparator, ValueSeparator]) < 0 && text.Trim() == text;

    private sealed record Clause(TicketEventType Type, string? Key, string? Value)
    {
        public bool Admits(TicketEvent e) => e.Type == Type && (Key is null || SameText(e[Key], Value));

        public override string ToString() => Key is null ? Type.ToString() : $"{Type}{DataSeparator}{Key}{ValueSeparator}{Value}";

        /// <summary>As loose as <see cref="TicketText.TryParse{TEnum}"/>, which the activities use: <c>internal-note</c> = <c>InternalNote</c>.</summary>
        private static bool SameText(string? actual, string? wanted) =>
            actual is not null && wanted is not null && string.Equals(Normalise(actual), Normalise(wanted), StringComparison.OrdinalIgnoreCase);

        private static string Normalise(string text) =>
            text.Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
    }
}
