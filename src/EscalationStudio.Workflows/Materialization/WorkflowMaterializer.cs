using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Flowcharts;

namespace EscalationStudio.Workflows.Materialization;

/// <summary>
/// Turns a definition's root JSON into executable activities. Unknown types become <see cref="NotFoundActivity"/>
/// nodes and are reported as problems; the JSON itself is never rewritten, so unknown nodes survive a round trip.
/// Workflows used as activities are expanded inline, so the instance runs them in-process.
/// </summary>
internal sealed class WorkflowMaterializer(ActivityRegistry registry, IWorkflowActivitySource workflowActivities)
{
    private const int MaxWorkflowNesting = 16;

    public WorkflowGraph Materialize(WorkflowDefinition definition)
    {
        var session = new Session(registry, workflowActivities);
        var root = new WorkflowActivity(definition);
        session.Nodes[root.NodeId] = root;
        if (definition.Root is { } json)
        {
            root.Body = session.Create(json, root.NodeId, nesting: 0);
        }

        return new WorkflowGraph(definition, root, session.Nodes, session.Problems);
    }

    private sealed class Session(ActivityRegistry registry, IWorkflowActivitySource workflowActivities)
    {
        public Dictionary<string, Activity> Nodes { get; } = new(StringComparer.Ordinal);
        public List<MaterializationProblem> Problems { get; } = [];

        public Activity Create(JsonObject json, string parentNodeId, int nesting)
        {
            var type = json["type"]?.ToString() ?? "";
            var id = json["id"]?.ToString() is { Length: > 0 } given ? given : $"{ActivityTypeName.ForWorkflow(type.Split('.')[^1])}{Nodes.Count + 1}";
            var version = json["version"] is JsonValue v && v.TryGetValue<int>(out var number) ? number : 1;
            var nodeId = $"{parentNodeId}:{id}";

            var activity = CreateByType(json, type, version, id, nodeId, nesting);
            activity.Id = id;
            activity.NodeId = nodeId;
            activity.Name = json["name"]?.ToString();
            // An activity written under a former name runs under its current one (triggers, incidents, descriptors).
            activity.Type = activity is NotFoundActivity ? type : registry.Find(type, version)?.Descriptor.TypeName ?? type;
            activity.Version = version;
            activity.Source = json;
            activity.CanStartWorkflow = ReadFlag(json, "canStartWorkflow");
            activity.RunAsynchronously = ReadFlag(json, "runAsynchronously");
            if (!Nodes.TryAdd(nodeId, activity))
            {
                Problems.Add(new MaterializationProblem(id, type, "another activity in the same container has this id."));
            }

            return activity;
        }

        private Activity CreateByType(JsonObject json, string type, int version, string id, string nodeId, int nesting)
        {
            if (type == "Elsa.Flowchart")
            {
                return CreateFlowchart(json, nodeId, nesting);
            }

            if (registry.Find(type, version) is { } registration)
            {
                var activity = registration.Create();
                Bind(activity, json, id, type, nodeId, nesting);
                return activity;
            }

            var versionId = json["workflowDefinitionVersionId"]?.ToString();
            if (workflowActivities.FindActivityDefinition(type, version, versionId) is { } definition)
            {
                if (nesting < MaxWorkflowNesting)
                {
                    return CreateWorkflowActivity(definition, json, nodeId, nesting);
                }

                Problems.Add(new MaterializationProblem(id, type, $"workflows used as activities nest deeper than {MaxWorkflowNesting} levels (a workflow that uses itself?)."));
            }
            else
            {
                Problems.Add(new MaterializationProblem(id, type, string.IsNullOrEmpty(type) ? "the activity has no type." : $"activity type '{type}' (version {version}) is not known."));
            }

            return new NotFoundActivity { MissingTypeName = type, MissingTypeVersion = version };
        }

        private Flowcharts.Flowchart CreateFlowchart(JsonObject json, string nodeId, int nesting)
        {
            var activities = (json["activities"] as JsonArray ?? []).OfType<JsonObject>().Select(child => Create(child, nodeId, nesting)).ToList();
            var byId = activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            return new Flowcharts.Flowchart
            {
                Activities = activities,
                Connections = ConnectionReader.Read(json["connections"] as JsonArray, byId),
                Variables = ReadVariables(json["variables"], json["id"]?.ToString() ?? nodeId),
            };
        }

        private WorkflowDefinitionActivity CreateWorkflowActivity(WorkflowDefinition definition, JsonObject json, string nodeId, int nesting)
        {
            var activity = new WorkflowDefinitionActivity(definition)
            {
                SyntheticInputs = definition.Inputs
                    .Select(i => (i.Name, Input: InputParser.ParseInput(json[ActivityTypeName.CamelCase(i.Name)], typeof(object), null, i.Name) as Input<object>))
                    .Where(p => p.Input is not null)
                    .ToDictionary(p => p.Name, p => p.Input!, StringComparer.OrdinalIgnoreCase),
                SyntheticOutputs = definition.Outputs
                    .Select(o => (o.Name, Output: InputParser.ParseOutput(json[ActivityTypeName.CamelCase(o.Name)], typeof(object), o.Name) as Output<object>))
                    .Where(p => p.Output is not null)
                    .ToDictionary(p => p.Name, p => p.Output!, StringComparer.OrdinalIgnoreCase),
            };
            if (definition.Root is { } root)
            {
                activity.Body = Create(root, nodeId, nesting + 1);
            }

            return activity;
        }

        /// <summary>Fills Input&lt;T&gt;, Output&lt;T&gt;, embedded activity and unwrapped [Input] properties from the node's JSON.</summary>
        private void Bind(Activity activity, JsonObject json, string id, string type, string nodeId, int nesting)
        {
            foreach (var binding in ActivityBindings.For(activity.GetType()))
            {
                var value = json[binding.JsonName];
                try
                {
                    var bound = binding.Kind switch
                    {
                        BindingKind.Input => InputParser.ParseInput(value, binding.ValueType, binding.DefaultValue, binding.Property.Name),
                        BindingKind.Output => InputParser.ParseOutput(value, binding.ValueType, binding.Property.Name),
                        BindingKind.Embedded => value is JsonObject child ? Create(child, nodeId, nesting) : null,
                        _ => value is null ? null : value.Deserialize(binding.ValueType, WorkflowDefinitionJson.SerializerOptions),
                    };
                    if (bound is not null || binding.Kind != BindingKind.Unwrapped)
                    {
                        binding.Property.SetValue(activity, bound);
                    }
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
                {
                    Problems.Add(new MaterializationProblem(id, type, $"property '{binding.JsonName}' cannot be read ({e.Message})."));
                }
            }
        }

        private List<VariableDefinition> ReadVariables(JsonNode? node, string ownerId)
        {
            try
            {
                return node?.Deserialize<List<VariableDefinition>>(WorkflowDefinitionJson.SerializerOptions) ?? [];
            }
            catch (JsonException e)
            {
                Problems.Add(new MaterializationProblem(ownerId, "Elsa.Flowchart", $"variables cannot be read ({e.Message})."));
                return [];
            }
        }

        /// <summary>Current files keep the flags in customProperties; older ones on the node itself.</summary>
        private static bool ReadFlag(JsonObject json, string name) =>
            IsTrue(json["customProperties"].Property(name)) || IsTrue(json[name]);

        private static bool IsTrue(JsonNode? node) => node is JsonValue value
            && ((value.TryGetValue<bool>(out var flag) && flag) || (value.TryGetValue<string>(out var text) && bool.TryParse(text, out var parsed) && parsed));
    }
}
