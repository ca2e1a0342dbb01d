using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Policies.Designer;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Descriptors;
using EscalationStudio.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EscalationStudio.Server.ElsaApi.Descriptors;

/// <summary>
/// The toolbox and property panels: descriptors of every activity in the engine's registry, with the dropdowns that
/// depend on the org directory and templates/ filled in (tiers, specialist groups, calendars, templates).
/// </summary>
internal static class ActivityDescriptorEndpoints
{
    public static void MapActivityDescriptors(this RouteGroupBuilder descriptors)
    {
        descriptors.MapGet("/activities", ([FromServices] WorkflowEngine engine, [FromServices] IServiceProvider services) =>
            {
                var options = services.GetService<EscalationInputOptions>();
                var items = engine.Registry.Descriptors.Select(d => ToJson(options?.Fill(d) ?? d)).ToArray();
                return TypedResults.Ok(new JsonObject { ["items"] = new JsonArray(items), ["count"] = items.Length });
            })
            .WithName("ElsaActivityDescriptors").WithSummary("Every activity the runtime can run, as Elsa activity descriptors.");

        descriptors.MapGet("/activities/{typeName}", Results<Ok<JsonObject>, NotFound> (
                    string typeName, int? version, [FromServices] WorkflowEngine engine, [FromServices] IServiceProvider services) =>
                engine.Registry.Find(typeName, version) is { } registration
                    ? TypedResults.Ok(ToJson(services.GetService<EscalationInputOptions>()?.Fill(registration.Descriptor) ?? registration.Descriptor))
                    : TypedResults.NotFound())
            .WithName("ElsaActivityDescriptor").WithSummary("One activity descriptor by type name.");
    }

    public static JsonObject ToJson(ActivityDescriptor descriptor)
    {
        var json = JsonSerializer.SerializeToNode(descriptor, WorkflowDefinitionJson.SerializerOptions)!.AsObject();
        foreach (var input in (json["inputs"] as JsonArray ?? []).OfType<JsonObject>())
            if (input["uiSpecifications"] is JsonObject specifications) WrapSelectLists(specifications);
        return json;
    }

    /// <summary>
    /// Studio reads a list editor's options from <c>{"dropdown": {"selectList": {"items": [...]}}}</c>; a bare
    /// <c>items</c> list under the hint gives an empty dropdown.
    /// </summary>
    private static void WrapSelectLists(JsonObject specifications)
    {
        foreach (var hint in new[] { "dropdown", "checklist", "radiolist" })
        {
            if (specifications[hint] is JsonObject props && props["selectList"] is null && props["items"] is JsonArray items)
            {
                props.Remove("items");
                props["selectList"] = new JsonObject { ["items"] = items, ["isFlagsEnum"] = false };
            }
        }
    }
}
