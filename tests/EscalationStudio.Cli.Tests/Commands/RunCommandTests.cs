using System.Text.Json.Nodes;
using static EscalationStudio.Cli.Tests.Commands.Flowcharts;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary><c>escalation run</c>: exit codes 0 (ran), 1 (faulted), 2 (the files or input cannot be read).</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly EscalationCli _cli = new();

    [Fact]
    public async Task A_workflow_runs_and_its_lines_status_and_completions_are_reported_as_json()
    {
        var workflow = _cli.Write("hello.json", Chain("hello", WriteLine("first", "Hello"), WriteLine("second", "again")));

        var (exitCode, output, error) = await _cli.RunAsync("run", workflow, "--json");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var report = JsonNode.Parse(output)!;
        Assert.Equal(["Hello", "again"], report["lines"]!.AsArray().Select(line => line!.GetValue<string>()));
        Assert.Equal("Finished", report["status"]!.GetValue<string>());
        Assert.Equal(1, report["activityCompletions"]!["second"]!.GetValue<int>());
        Assert.True(report["stateRoundTrip"]!.GetValue<bool>());
        Assert.Null(report["state"]);
    }

    [Fact]
    public async Task Run_until_end_resumes_a_waiting_workflow_and_execute_once_leaves_it_waiting()
    {
        var workflow = _cli.Write("waits.json", Chain("waits",
            WriteLine("asked", "Asked customer"),
            Activity("reply", "Elsa.Event", new JsonObject { ["eventName"] = Literal("CustomerReplied") }),
            WriteLine("answered", "Customer answered")));

        var untilEnd = await _cli.RunAsync("run", workflow);
        var once = await _cli.RunAsync("run", workflow, "--harness", "execute-once");

        Assert.Equal(0, untilEnd.ExitCode);
        Assert.Equal("Asked customer\nCustomer answered\nFinished/Finished\n", untilEnd.Output.ReplaceLineEndings("\n"));
        Assert.Equal(0, once.ExitCode);
        Assert.Contains("Running/Suspended", once.Output, StringComparison.Ordinal);
        Assert.Contains("waiting: ", once.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Customer answered", once.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_reaches_the_workflow_and_the_state_is_added_on_request()
    {
        var workflow = _cli.Write("input.json", Chain("input",
            WriteLineScript("greet", "'Amount ' + getInput('Amount')")));

        var (exitCode, output, _) = await _cli.RunAsync("run", workflow, "--input", """{"Amount": 120}""", "--json", "--state");

        Assert.Equal(0, exitCode);
        var report = JsonNode.Parse(output)!;
        Assert.Equal("Amount 120", Assert.Single(report["lines"]!.AsArray())!.GetValue<string>());
        Assert.NotNull(report["state"]);
    }

    [Fact]
    public async Task A_workflow_that_faults_exits_with_1_and_names_the_activity()
    {
        var workflow = _cli.Write("faults.json", Chain("faults",
            WriteLineScript("broken", "nothingHere.text")));

        var (exitCode, output, _) = await _cli.RunAsync("run", workflow);

        Assert.Equal(1, exitCode);
        Assert.Contains("Faulted", output, StringComparison.Ordinal);
        Assert.Contains("incident: activity 'broken'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_workflow_or_input_that_is_not_an_object_exits_with_2_naming_it()
    {
        var workflow = _cli.Write("fine.json", Chain("fine", WriteLine("only", "fine")));
        var notJson = Path.Combine(_cli.Folder, "not-a-workflow.json");
        await File.WriteAllTextAsync(notJson, "{ nope");

        var unreadable = await _cli.RunAsync("run", notJson);
        var missing = await _cli.RunAsync("run", Path.Combine(_cli.Folder, "missing.json"));
        var badInput = await _cli.RunAsync("run", workflow, "--input", "[1, 2]");

        Assert.Equal(2, unreadable.ExitCode);
        Assert.StartsWith("escalation run: not-a-workflow.json: ", unreadable.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("missing.json", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, badInput.ExitCode);
        Assert.Contains("--input must be a JSON object", badInput.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_from_the_definitions_folder_runs_as_an_activity_and_a_broken_file_there_is_skipped_with_a_warning()
    {
        var child = Chain("greeting", WriteLine("say", "Hello from the child"));
        child["options"] = new JsonObject { ["usableAsActivity"] = true };
        _cli.Write("definitions/greeting.json", child);
        await File.WriteAllTextAsync(Path.Combine(_cli.Folder, "definitions", "broken.json"), "{ nope");
        var parent = _cli.Write("parent.json", Chain("parent", WriteLine("before", "Parent starts"), Activity("child", "Greeting")));

        var (exitCode, output, error) = await _cli.RunAsync("run", parent, "--definitions", Path.Combine(_cli.Folder, "definitions"), "--json");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("warning: skipped broken.json: ", error, StringComparison.Ordinal);
        Assert.Equal(["Parent starts", "Hello from the child"], JsonNode.Parse(output)!["lines"]!.AsArray().Select(line => line!.GetValue<string>()));
    }

    public void Dispose() => _cli.Dispose();
}
