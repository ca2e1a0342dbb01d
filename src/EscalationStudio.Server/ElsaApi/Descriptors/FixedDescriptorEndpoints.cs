using System.Text.Json.Nodes;
using EscalationStudio.Workflows.Runtime;
using Microsoft.AspNetCore.Mvc;

namespace EscalationStudio.Server.ElsaApi.Descriptors;

/// <summary>
/// Lists the designer needs answered at load (a 404 shows its error bar) though the runtime has one choice for each.
/// The strategies are Elsa internals a manager never needs: each list offers the one fixed behaviour, said in words,
/// and a save drops whatever was picked (<see cref="Policies.Designer.SavedPolicyDefaults"/>).
/// </summary>
internal static class FixedDescriptorEndpoints
{
    public static void MapFixedDescriptors(this RouteGroupBuilder descriptors, RouteGroupBuilder api)
    {
        // At least one type besides Literal/Object/Variable/Input must be listed: the settings panel calls First() on them.
        // C# stays known where it is turned off (a policy using it opens) but is not offered.
        descriptors.MapGet("/expression-descriptors", ([FromServices] WorkflowEngine engine) => List(
                Expression("Literal", "Literal", browsable: true),
                Expression("Object", "Object", browsable: false),
                Expression("JavaScript", "JavaScript", browsable: true, new JsonObject { ["MonacoLanguage"] = "javascript" }),
                Expression("CSharp", "C#", browsable: engine.ScriptLimits.AllowCSharp, new JsonObject { ["MonacoLanguage"] = "csharp" }),
                Expression("Liquid", "Liquid", browsable: true, new JsonObject { ["MonacoLanguage"] = "liquid" })))
            .WithName("ElsaExpressionDescriptors").WithSummary("Expression types: Literal, JavaScript (Jint), C# (Roslyn scripting, offered where allowed) and Liquid (Fluid), all run with limits.");

        descriptors.MapGet("/variables", () => List(
                Variable("String", "Primitives", "Text"), Variable("Int32", "Primitives", "Whole number"),
                Variable("Decimal", "Primitives", "Amount"), Variable("Boolean", "Primitives", "Yes or no"),
                Variable("DateTimeOffset", "Primitives", "Point in time"), Variable("TimeSpan", "Primitives", "Duration"),
                Variable("Object", "Primitives", "Any value")))
            .WithName("ElsaVariableDescriptors").WithSummary("Variable types a policy may declare.");

        descriptors.MapGet("/storage-drivers", () => List(new JsonObject
        {
            ["typeName"] = "Workflow",
            ["displayName"] = "Workflow instance",
            ["priority"] = 0,
            ["deprecated"] = false,
        }))
            .WithName("ElsaStorageDrivers").WithSummary("Where variables live: with the workflow instance.");

        descriptors.MapGet("/workflow-activation-strategies", () => List(Strategy("Default", "Default", "Allow parallel instances")))
            .WithName("ElsaActivationStrategies").WithSummary("Activation strategies (one).");
        descriptors.MapGet("/log-persistence-strategies", () => List(Strategy("Default", "Fixed", "Fixed: the ticket timeline records what each policy step did")))
            .WithName("ElsaLogPersistenceStrategies").WithSummary("Log persistence strategies (one, fixed).");
        descriptors.MapGet("/incident-strategies", () => List(Strategy("Default", "Fixed", "Fixed: a failing step is recorded as an incident; a policy that keeps failing is suspended")))
            .WithName("ElsaIncidentStrategies").WithSummary("Incident strategies (one, fixed).");
        descriptors.MapGet("/commit-strategies/workflows", () => List())
            .WithName("ElsaWorkflowCommitStrategies").WithSummary("Workflow commit strategies (the default only).");
        descriptors.MapGet("/commit-strategies/activities", () => List())
            .WithName("ElsaActivityCommitStrategies").WithSummary("Activity commit strategies (the default only).");

        api.MapGet("/features/installed", () => List())
            .WithName("ElsaInstalledFeatures").WithSummary("Elsa server features (none: this is not an Elsa server).");
        api.MapGet("/package/version", () => TypedResults.Ok(new JsonObject { ["packageVersion"] = "3.8.2" }))
            .WithName("ElsaPackageVersion").WithSummary("The Elsa API version this server answers as.");
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", () => TypedResults.Text(JavaScriptGlobals, "application/x-typescript"))
            .WithName("ElsaJavaScriptTypeDefinitions").WithSummary("TypeScript declarations for the JavaScript editor's completion.");
    }

    /// <summary>What a policy's JavaScript expressions can see (kept in line with the engine's Jint globals).</summary>
    private const string JavaScriptGlobals = """
        declare function getVariable(name: string): any;
        declare function setVariable(name: string, value: any): void;
        declare function getInput(name: string): any;
        """;

    private static IResult List(params JsonObject[] items) =>
        TypedResults.Ok(new JsonObject { ["items"] = new JsonArray(items.Cast<JsonNode>().ToArray()), ["count"] = items.Length });

    private static JsonObject Expression(string type, string displayName, bool browsable, JsonObject? properties = null) => new()
    {
        ["type"] = type,
        ["displayName"] = displayName,
        ["isSerializable"] = true,
        ["isBrowsable"] = browsable,
        ["properties"] = properties ?? [],
    };

    private static JsonObject Variable(string typeName, string category, string description) => new()
    {
        ["typeName"] = typeName,
        ["displayName"] = typeName,
        ["category"] = category,
        ["description"] = description,
    };

    private static JsonObject Strategy(string typeName, string displayName, string description) => new()
    {
        ["typeName"] = typeName,
        ["displayName"] = displayName,
        ["description"] = description,
    };
}
