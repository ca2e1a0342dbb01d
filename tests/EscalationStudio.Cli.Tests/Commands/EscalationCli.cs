using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EscalationStudio.Cli.Tests.Commands;

/// <summary>Runs the built <c>escalation</c> command in a process of its own, in a folder of workflow files the test writes.</summary>
public sealed class EscalationCli : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    public string Folder { get; } = Directory.CreateTempSubdirectory("escalation-cli-").FullName;

    public string Write(string name, JsonNode content)
    {
        var path = Path.Combine(Folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ToJsonString());
        return path;
    }

    /// <summary>The repository this test was built in (its sample policies, org directory, templates and history).</summary>
    public static string Repository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Studio.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Studio.sln not found above the test's build output");
    }

    /// <summary>Copies the repository's workflows/ (policies and org directory, no samples) and templates/ into the test's folder.</summary>
    public void CopySampleRepository()
    {
        foreach (var part in new[] { "workflows/escalation", "workflows/org", "templates" })
        {
            var source = Path.Combine(Repository(), part);
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(Folder, part, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "escalation.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"escalation {string.Join(' ', arguments)} did not finish within {Limit}");
        }

        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
