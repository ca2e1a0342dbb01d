using EscalationStudio.Domain.Actors;

namespace EscalationStudio.Domain.Tickets;

public sealed partial class Ticket
{
    public const int MaxCsatScore = 5;

    /// <summary>What the customer wrote to open the ticket, subject and description: often all a new ticket says.</summary>
    public string OpeningWords => string.IsNullOrWhiteSpace(Description) ? Subject : $"{Subject}\n{Description}";

    /// <summary>
    /// Adds to the conversation. A customer reply reopens a pending, on-hold or solved ticket (the ball is back
    /// in the team's court); a closed ticket takes no more messages (both rules are in the lifecycle table).
    /// </summary>
    public TicketMessage AddMessage(MessageKind kind, string body, Actor author, DateTimeOffset now)
    {
        if (!Rules.TakesMessages)
        {
            throw new TicketRuleViolationException($"a {Describe(Status)} ticket takes no more messages; open a follow-up ticket");
        }

        TicketText.EnsureStorable(body, "body");
        var message = new TicketMessage(Guid.CreateVersion7(now), Id, Version + 1, kind, author, body, now);
        _messages.Add(message);
        Append(TicketEventType.MessageAdded, author, now, new()
        {
            [TicketEventData.MessageId] = message.Id.ToString(),
            [TicketEventData.MessageKind] = kind.ToText(),
            [TicketEventData.Body] = body,
        });

        if (kind == MessageKind.Customer && Rules.CustomerReplyReopens)
        {
            var from = Status;
            Status = TicketStatus.Open;
            Append(TicketEventType.StatusChanged, author, now, new()
            {
                [TicketEventData.From] = from.ToText(),
                [TicketEventData.To] = TicketStatus.Open.ToText(),
                [TicketEventData.Note] = "reopened by the customer's reply",
            });
        }

        return message;
    }

    /// <summary>Satisfaction survey answer (1-5). Only a solved or closed ticket is rated; a later answer replaces the earlier.</summary>
    public void RecordCsat(int score, string? comment, Actor by, DateTimeOffset now)
    {
        if (score is < 1 or > MaxCsatScore)
        {
            throw new TicketRuleViolationException($"CSAT score must be between 1 and {MaxCsatScore}", "score");
        }

        if (IsActive)
        {
            throw new TicketRuleViolationException($"only a solved or closed ticket is rated; this one is {Describe(Status)}");
        }

        TicketText.EnsureStorable(comment, "comment");

        CsatScore = score;
        CsatComment = comment;
        Append(TicketEventType.CsatRecorded, by, now, new()
        {
            [TicketEventData.Score] = score.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [TicketEventData.Comment] = comment ?? string.Empty,
        });
    }

    public void SetPriority(TicketPriority priority, Actor by, DateTimeOffset now, string? reason = null)
    {
        if (priority == Priority)
        {
            return;
        }

        TicketText.EnsureStorable(reason, "reason");

        var from = Priority;
        Priority = priority;
        Append(TicketEventType.PriorityChanged, by, now, new()
        {
            [TicketEventData.From] = from.ToText(),
            [TicketEventData.To] = priority.ToText(),
            [TicketEventData.Reason] = reason ?? string.Empty,
        });
    }

    /// <summary>Tags are lower-case and unique; adding one the ticket has changes nothing.</summary>
    public void AddTag(string tag, Actor by, DateTimeOffset now)
    {
        var normalised = NormaliseTag(tag);
        if (normalised.Length == 0)
        {
            throw new TicketRuleViolationException("a tag cannot be empty", "tag");
        }

        TicketText.EnsureStorable(normalised, "tag");

        if (_tags.Contains(normalised, StringComparer.Ordinal))
        {
            return;
        }

        _tags = [.. _tags, normalised];
        Append(TicketEventType.TagAdded, by, now, new() { [TicketEventData.Tag] = normalised });
    }

    /// <summary>
    /// A timeline entry that is not a conversation message: a briefing sent, an SLA warning, a webhook delivered.
    /// <paramref name="kind"/> names it (e.g. <c>briefing-sent</c>).
    /// </summary>
    public void AddTimelineEntry(string kind, string text, Actor by, DateTimeOffset now, IReadOnlyDictionary<string, string>? data = null)
    {
        TicketText.EnsureStorable(kind, "kind");
        TicketText.EnsureStorable(text, "text");
        var entry = new Dictionary<string, string>(data ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [TicketEventData.Kind] = kind,
            [TicketEventData.Text] = text,
        };
        Append(TicketEventType.TimelineEntry, by, now, entry);
    }
}
