using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationStudio.Policies;
using EscalationStudio.Workflows.Activities;
using EscalationStudio.Workflows.Definitions;
using EscalationStudio.Workflows.Execution;
using EscalationStudio.Workflows.Expressions;
using EscalationStudio.Workflows.Runtime;
using EscalationStudio.Workflows.State;

namespace EscalationStudio.Cli.Commands;

/// <summary>
/// <c>escalation run &lt;workflow.json&gt; --definitions &lt;folder&gt; --harness ...</c>: runs one workflow in-process, with
/// every definition in the folder registered as published (usable as activities), and prints what happened.
/// The JSON form is what the Elsa conformance runner reads.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var workflow = new Argument<FileInfo>("workflow") { Description = "The workflow definition file to run." };
        var definitions = new Option<DirectoryInfo?>("--definitions") { Description = "Folder of definitions to register as published (workflows used as activities)." };
        var harness = new Option<RunHarness>("--harness")
        {
            Description = "run-until-end resumes every bookmark until the instance finishes; execute-once and invoke-once run once.",
            DefaultValueFactory = _ => RunHarness.RunUntilEnd,
        };
        harness.CustomParser = result => RunHarnessNames.Parse(result.Tokens.SingleOrDefault()?.Value ?? "run-until-end");
        var input = new Option<string?>("--input") { Description = "Workflow input as a JSON object." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var state = new Option<bool>("--state") { Description = "Include the final instance state (what would be persisted) in the JSON." };

        var command = new Command("run", "Run a workflow definition in-process.") { workflow, definitions, harness, input, json, state };
        command.SetAction(async (result, cancellationToken) =>
        {
            var request = new RunRequest(result.GetValue(workflow)!, result.GetValue(definitions), result.GetValue(harness), result.GetValue(input), result.GetValue(json), result.GetValue(state));
            return await RunAsync(request, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        WorkflowDefinition entry;
        var published = new PublishedWorkflows();
        Dictionary<string, object?>? input;
        try
        {
            entry = WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(request.Workflow.FullName, cancellationToken));
            foreach (var file in request.Definitions?.GetFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal).ToArray() ?? [])
            {
                // One unreadable file in the folder must not stop the run: report it by name and carry on.
                try
                {
                    published.Add(WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken)));
                }
                catch (WorkflowDefinitionFormatException e)
                {
                    await Console.Error.WriteLineAsync($"warning: skipped {file.Name}: {e.Message}");
                }
            }

            published.Add(entry);
            input = request.Input is null ? null : (JsonNode.Parse(request.Input) as JsonObject ?? throw new JsonException("--input must be a JSON object."))
                .ToDictionary(p => p.Key, p => ValueConverter.FromJson(p.Value));
        }
        catch (Exception e) when (e is IOException or JsonException or WorkflowDefinitionFormatException)
        {
            await Console.Error.WriteLineAsync($"escalation run: {request.Workflow.Name}: {e.Message}");
            return 2;
        }

        var lines = new CapturedLines(echo: !request.Json);
        // Escalation activities are known so policy files load; without the server's ticket desk, running one faults
        // with an incident naming the missing service (use `simulate` to run policies against tickets).
        var engine = new WorkflowEngineBuilder().AddEscalationActivities().Build(new SingleServiceProvider(typeof(ITextSink), lines));
        var graph = published.GetGraph(entry, engine);
        foreach (var problem in graph.Problems)
        {
            await Console.Error.WriteLineAsync($"warning: {problem}");
        }

        var completions = new Dictionary<string, int>(StringComparer.Ordinal);
        var run = await engine.StartAsync(graph, new StartWorkflowRequest { Input = input }, cancellationToken);
        Count(run, completions);
        if (request.Harness == RunHarness.RunUntilEnd)
        {
            // Elsa's test helper: resume every stored bookmark, without input or waiting, until none is left.
            while (run.Status != WorkflowStatus.Finished && run.Bookmarks.Count > 0)
            {
                foreach (var bookmarkId in run.Bookmarks.Select(b => b.Id).ToList())
                {
                    if (run.Status == WorkflowStatus.Finished || run.State.Bookmarks.All(b => b.Id != bookmarkId))
                    {
                        continue;
                    }

                    run = await engine.ResumeAsync(graph, run.State, bookmarkId, cancellationToken: cancellationToken);
                    Count(run, completions);
                }
            }
        }

        if (request.Json)
        {
            Console.WriteLine(RunReport.ToJson(run, lines.Lines, completions, request.IncludeState));
        }
        else
        {
            RunReport.WriteText(run);
        }

        return run.SubStatus == WorkflowSubStatus.Faulted ? 1 : 0;
    }

    private static void Count(WorkflowRunResult run, Dictionary<string, int> completions)
    {
        foreach (var id in run.CompletedActivityIds)
        {
            completions[id] = completions.GetValueOrDefault(id) + 1;
        }
    }

    private sealed record RunRequest(FileInfo Workflow, DirectoryInfo? Definitions, RunHarness Harness, string? Input, bool Json, bool IncludeState);
}
