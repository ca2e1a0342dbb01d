using System.Diagnostics;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary>The CLI ships as a .NET tool named <c>escalation</c>: packed, installed into a tool path, and run by that name.</summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("escalation-tool-").FullName;

    [Fact]
    public async Task The_packed_tool_installs_and_answers_help()
    {
        var project = Path.Combine(EscalationCli.Repository(), "src", "EscalationStudio.Cli");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<configuration>/net10.0
        var packages = Path.Combine(_folder, "packages");
        var tools = Path.Combine(_folder, "tools");

        // The test's own build already built the CLI: packing without building keeps this test well under a minute.
        await RunAsync("dotnet", "pack", project, "-c", configuration, "--no-build", "-o", packages);
        await RunAsync("dotnet", "tool", "install", "escalation", "--tool-path", tools, "--add-source", packages, "--version", "0.1.0");
        var help = await RunAsync(Path.Combine(tools, "escalation"), "--help");

        Assert.Contains("validate", help, StringComparison.Ordinal);
        Assert.Contains("simulate", help, StringComparison.Ordinal);
        Assert.Contains("diff", help, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)}: {await output}{await error}");
        return await output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
