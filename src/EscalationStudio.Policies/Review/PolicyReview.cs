using System.Globalization;
using System.Text.Json.Nodes;
using EscalationStudio.Domain.Org;
using EscalationStudio.Policies.Signals;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Descriptors;

namespace EscalationStudio.Policies.Review;

public enum FindingSeverity
{
    Error,
    Warning,
}

/// <summary>One problem of a file: which file, which activity (when one is to blame), and why.</summary>
public sealed record PolicyFinding(FindingSeverity Severity, string File, string? Activity, string Reason);

/// <summary>A policy file that loaded, with the name it is known by in findings.</summary>
public sealed record PolicyFile(string File, WorkflowDefinition Definition);

/// <summary>
/// What a reviewer of a policy change looks for beyond the publish checks: activities nothing leads to, loops that
/// never wait (a policy that spins on a ticket), approvals no tier may grant, escalations with no way back down, and
/// two policies that would both move a ticket on the same event.
/// </summary>
public static class PolicyReview
{
    private const string EscalateType = "Escalation.EscalateToTier";
    private const string DeEscalateType = "Escalation.DeEscalate";
    private const string ReassignType = "Escalation.ReassignWithinTier";
    private static readonly HashSet<string> Waits = new(StringComparer.Ordinal)
    {
        "Escalation.WaitForTicket", "Escalation.RequireApproval", "Escalation.SlaTimer", "Elsa.Delay", "Elsa.Timer", "Elsa.Event",
    };

    public static IEnumerable<PolicyFinding> Review(IReadOnlyList<PolicyFile> policies, OrgDirectory org, ActivityRegistry registry)
    {
        var flows = policies.Select(p => new Flow(p, registry)).ToList();
        foreach (var flow in flows)
        {
            foreach (var finding in Unreachable(flow).Concat(LoopsWithoutWait(flow)).Concat(ApprovalsBeyondEveryTier(flow, org)))
            {
                yield return finding;
            }
        }

        foreach (var finding in NoWayBackDown(flows).Concat(SameEventMoves(flows.Where(f => f.Policy.Definition.IsPublished).ToList())))
        {
            yield return finding;
        }
    }

    private static IEnumerable<PolicyFinding> Unreachable(Flow flow)
    {
        var starts = flow.Activities.Where(a => flow.IsTrigger(a)).Select(Flow.IdOf).ToList();
        if (starts.Count == 0)
        {
            starts = [.. flow.Activities.Select(Flow.IdOf).Where(id => !flow.Connections.Any(c => c.Target == id))];
        }

        var reached = flow.ReachableFrom(starts);
        foreach (var activity in flow.Activities.Where(a => !reached.Contains(Flow.IdOf(a))))
        {
            yield return new PolicyFinding(FindingSeverity.Error, flow.Policy.File, Flow.LabelOf(activity),
                "unreachable: no trigger or start leads to this activity, so it never runs");
        }
    }

    private static IEnumerable<PolicyFinding> LoopsWithoutWait(Flow flow)
    {
        foreach (var cycle in flow.Cycles())
        {
            if (!cycle.Any(id => flow.ById.TryGetValue(id, out var a) && (Waits.Contains(Flow.TypeOf(a)) || flow.IsTrigger(a))))
            {
                yield return new PolicyFinding(FindingSeverity.Error, flow.Policy.File, Flow.LabelOf(flow.ById[cycle[0]]),
                    $"loop with no wait in it ({string.Join(" → ", cycle.Select(id => Flow.LabelOf(flow.ById[id])))} → back): it would run without end on one ticket event");
            }
        }
    }

    private static IEnumerable<PolicyFinding> ApprovalsBeyondEveryTier(Flow flow, OrgDirectory org)
    {
        foreach (var activity in flow.Activities.Where(a => Flow.TypeOf(a) == "Escalation.RequireApproval"))
        {
            if (!decimal.TryParse(Flow.Literal(activity, "amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                continue;
            }

            var kind = Flow.Literal(activity, "kind") ?? nameof(ApprovalKind.Credit);
            Func<Tier, decimal>? cap = kind.Equals(nameof(ApprovalKind.Refund), StringComparison.OrdinalIgnoreCase) ? t => t.Authority.RefundCap
                : kind.Equals(nameof(ApprovalKind.Credit), StringComparison.OrdinalIgnoreCase) ? t => t.Authority.CreditCap
                : null;
            if (cap is null)
            {
                continue;
            }

            var approver = Flow.Literal(activity, "approverTier");
            var tiers = string.IsNullOrEmpty(approver) ? org.Tiers : org.FindTier(approver) is { } named ? [named] : [];
            if (tiers.Count > 0 && tiers.All(t => cap(t) < amount))
            {
                var highest = tiers.MaxBy(cap)!;
                yield return new PolicyFinding(FindingSeverity.Error, flow.Policy.File, Flow.LabelOf(activity),
                    $"a {kind.ToLowerInvariant()} of {amount.ToString(CultureInfo.InvariantCulture)} is beyond every " +
                    $"{(string.IsNullOrEmpty(approver) ? "tier" : "approver tier")}'s cap " +
                    $"(highest: {highest.Id}, {cap(highest).ToString(CultureInfo.InvariantCulture)})");
            }
        }
    }

    private static IEnumerable<PolicyFinding> NoWayBackDown(IReadOnlyList<Flow> flows)
    {
        var anyHandBack = flows.Any(f => f.Activities.Any(a => Flow.TypeOf(a) == DeEscalateType));
        foreach (var flow in flows)
        {
            foreach (var escalation in flow.Activities.Where(a => Flow.TypeOf(a) == EscalateType))
            {
                var downstream = flow.ReachableFrom([Flow.IdOf(escalation)]);
                if (!anyHandBack && !downstream.Any(id => flow.ById.TryGetValue(id, out var a) && Flow.TypeOf(a) == DeEscalateType))
                {
                    yield return new PolicyFinding(FindingSeverity.Warning, flow.Policy.File, Flow.LabelOf(escalation),
                        $"escalates to {Flow.Literal(escalation, "tier") ?? "a tier"} with no way back down: no policy hands a case back (De-escalate)");
                }
            }
        }
    }

    private static IEnumerable<PolicyFinding> SameEventMoves(IReadOnlyList<Flow> flows)
    {
        var movers = flows.SelectMany(f => f.Activities.Where(f.IsTrigger)
                .Where(t => f.ReachableFrom([Flow.IdOf(t)]).Any(id => f.ById.TryGetValue(id, out var a) && Flow.TypeOf(a) is EscalateType or DeEscalateType or ReassignType))
                .Select(t => (Flow: f, Trigger: t)))
            .ToList();
        for (var i = 0; i < movers.Count; i++)
        {
            for (var j = i + 1; j < movers.Count; j++)
            {
                var (a, b) = (movers[i], movers[j]);
                if (a.Flow == b.Flow || Flow.TypeOf(a.Trigger) != Flow.TypeOf(b.Trigger))
                {
                    continue;
                }

                var shared = SharedKeywords(a.Trigger, b.Trigger);
                if (shared is { Count: 0 })
                {
                    continue;
                }

                var what = shared is null ? Flow.TypeOf(a.Trigger).Replace("Escalation.", "", StringComparison.Ordinal) : $"keywords {string.Join(", ", shared)}";
                yield return new PolicyFinding(FindingSeverity.Warning, b.Flow.Policy.File, Flow.LabelOf(b.Trigger),
                    $"{b.Flow.Policy.Definition.DefinitionId} and {a.Flow.Policy.Definition.DefinitionId} " +
                    $"({a.Flow.Policy.File}, {Flow.LabelOf(a.Trigger)}) would both move the same ticket on the same event ({what})");
            }
        }
    }

    /// <summary>The keywords both triggers listen for; null when the triggers have no keywords (they fire on the same events).</summary>
    private static List<string>? SharedKeywords(JsonObject a, JsonObject b)
    {
        var (left, right) = (Flow.Literal(a, "keywords"), Flow.Literal(b, "keywords"));
        if (left is null || right is null)
        {
            return null;
        }

        return [.. KeywordMatcher.Parse(left).Keywords.Intersect(KeywordMatcher.Parse(right).Keywords, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>One policy's top-level flowchart: its activities and connections.</summary>
    private sealed class Flow
    {
        public Flow(PolicyFile policy, ActivityRegistry registry)
        {
            Policy = policy;
            Registry = registry;
            var root = policy.Definition.Root;
            Activities = [.. (root?["activities"] as JsonArray ?? []).OfType<JsonObject>().Where(a => IdOf(a).Length > 0)];
            ById = Activities.GroupBy(IdOf).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            Connections = [.. (root?["connections"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => (Source: Text(c["source"]?["activity"]), Target: Text(c["target"]?["activity"])))
                .Where(c => c.Source is not null && c.Target is not null)
                .Select(c => (c.Source!, c.Target!))];
        }

        public PolicyFile Policy { get; }

        public ActivityRegistry Registry { get; }

        public IReadOnlyList<JsonObject> Activities { get; }

        public IReadOnlyDictionary<string, JsonObject> ById { get; }

        public IReadOnlyList<(string Source, string Target)> Connections { get; }

        /// <summary>A trigger activity that may start the policy (the designer's "can start workflow" is not switched off).</summary>
        public bool IsTrigger(JsonObject activity)
        {
            var canStart = activity["customProperties"]?["canStartWorkflow"] as JsonValue;
            return Registry.Find(TypeOf(activity))?.Descriptor.Kind == ActivityKind.Trigger
                && canStart?.GetValueKind() != System.Text.Json.JsonValueKind.False;
        }

        public HashSet<string> ReachableFrom(IEnumerable<string> starts)
        {
            var reached = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(starts);
            while (queue.TryDequeue(out var id))
            {
                if (reached.Add(id))
                {
                    foreach (var (_, target) in Connections.Where(c => c.Source == id))
                    {
                        queue.Enqueue(target);
                    }
                }
            }

            return reached;
        }

        /// <summary>One cycle per strongly connected part of the graph that loops (depth-first, Tarjan).</summary>
        public IEnumerable<IReadOnlyList<string>> Cycles()
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var onStack = new HashSet<string>(StringComparer.Ordinal);
            var found = new List<IReadOnlyList<string>>();
            var counter = 0;

            void Visit(string id)
            {
                index[id] = low[id] = counter++;
                stack.Push(id);
                onStack.Add(id);
                foreach (var (_, next) in Connections.Where(c => c.Source == id && ById.ContainsKey(c.Target)))
                {
                    if (!index.ContainsKey(next))
                    {
                        Visit(next);
                        low[id] = Math.Min(low[id], low[next]);
                    }
                    else if (onStack.Contains(next))
                    {
                        low[id] = Math.Min(low[id], index[next]);
                    }
                }

                if (low[id] == index[id])
                {
                    var part = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        part.Add(member);
                    }
                    while (member != id);
                    if (part.Count > 1 || Connections.Any(c => c.Source == id && c.Target == id))
                    {
                        part.Reverse();
                        found.Add(part);
                    }
                }
            }

            foreach (var id in ById.Keys.Where(id => !index.ContainsKey(id)))
            {
                Visit(id);
            }

            return found;
        }

        public static string IdOf(JsonObject activity) => Text(activity["id"]) ?? string.Empty;

        public static string TypeOf(JsonObject activity) => Text(activity["type"]) ?? string.Empty;

        public static string LabelOf(JsonObject activity) => Text(activity["name"]) ?? IdOf(activity);

        /// <summary>A literal input's value: <c>{ "expression": { "type": "Literal", "value": ... } }</c>.</summary>
        public static string? Literal(JsonObject activity, string input) =>
            activity[input]?["expression"] is JsonObject expression && string.Equals(Text(expression["type"]), "Literal", StringComparison.OrdinalIgnoreCase)
                ? expression["value"]?.ToString().Trim()
                : null;

        private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : null;
    }
}
