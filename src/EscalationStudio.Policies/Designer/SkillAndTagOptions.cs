using System.Text.Json.Nodes;
using EscalationStudio.Domain.Org;
using EscalationStudio.Domain.Tickets;
using EscalationStudio.Policies.Naming;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Runtime;

namespace EscalationStudio.Policies.Designer;

/// <summary>The skills the org directory's agents have: a skill nobody has would never find an owner.</summary>
internal sealed class SkillOptions(IOrgDirectorySource org) : IInputOptionsProvider
{
    public IReadOnlyList<InputOption> GetOptions() =>
    [
        new("Any skill", string.Empty),
        .. org.Current.Agents.SelectMany(a => a.Skills).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)
            .Select(skill => new InputOption(skill, skill)),
    ];
}

/// <summary>
/// The tags in use: those recent tickets carry (<see cref="RecentTags"/>) and those the policies themselves add or
/// wait for, so a policy waits for a tag people actually set.
/// </summary>
internal sealed class TagOptions(RecentTags recent, PublishedWorkflows? policies = null) : IInputOptionsProvider
{
    private static readonly string[] TagActivities = ["Escalation.AddTag", "Escalation.WaitForTicket"];

    public IReadOnlyList<InputOption> GetOptions() =>
    [
        new("No tag", string.Empty),
        .. recent.Tags.Concat(PolicyTags()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)
            .Select(tag => new InputOption(tag, tag)),
    ];

    private IEnumerable<string> PolicyTags() =>
        (policies?.All ?? []).SelectMany(d => StepNames.Activities(d.Root))
            .Where(a => TagActivities.Contains(a["type"]?.ToString()))
            .Select(a => a["tag"]?["expression"] is JsonObject { } expression && expression["type"]?.ToString() == "Literal" ? expression["value"]?.ToString() : null)
            .OfType<string>().Where(tag => tag.Length > 0);
}

/// <summary>
/// The tags of the tickets committed lately (the newest <see cref="Capacity"/> distinct ones), heard as the desk
/// commits: the designer offers them without querying tickets on every descriptor request.
/// </summary>
internal sealed class RecentTags : ITicketEventObserver
{
    public const int Capacity = 200;

    private readonly Lock _lock = new();
    private readonly LinkedList<string> _order = new();
    private readonly Dictionary<string, LinkedListNode<string>> _tags = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<string> Tags
    {
        get
        {
            lock (_lock)
            {
                return [.. _order];
            }
        }
    }

    public ValueTask OnCommittedAsync(Ticket ticket, IReadOnlyList<TicketEvent> events, CancellationToken cancellationToken)
    {
        if (ticket.Tags.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        lock (_lock)
        {
            foreach (var tag in ticket.Tags)
            {
                if (_tags.Remove(tag, out var known))
                {
                    _order.Remove(known);
                }

                _tags[tag] = _order.AddFirst(tag);
                if (_order.Count > Capacity)
                {
                    _tags.Remove(_order.Last!.Value);
                    _order.RemoveLast();
                }
            }
        }

        return ValueTask.CompletedTask;
    }
}
