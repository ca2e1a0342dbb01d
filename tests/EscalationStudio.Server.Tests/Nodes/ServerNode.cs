using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using EscalationStudio.Server.Tests.Org;

namespace EscalationStudio.Server.Tests.Nodes;

/// <summary>
/// The built server as a real process (<c>dotnet EscalationStudio.Server.dll</c>) on 127.0.0.1 and a port of its own,
/// with its own data and workflows folders under <see cref="Root"/> and the given PostgreSQL database: one node of
/// several sharing that database. Its console output is kept in <see cref="Output"/>.
/// </summary>
internal sealed partial class ServerNode(string name, string connectionString, string root) : IAsyncDisposable
{
    public const string Key = "two-node-admin-key-000000001";

    private readonly List<string> _output = [];
    private Process? _process;
    private TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => name;

    public string Root => root;

    public string WorkflowsPath => Path.Combine(root, "workflows");

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Whether this node said it leads (holds the folder), since its last start.</summary>
    public bool SaysItLeads => Output.Any(line => line.Contains("This node leads", StringComparison.Ordinal));

    /// <summary>
    /// A copy of the repository's <c>workflows/</c> (the org directory; with <paramref name="samplePolicies"/> the sample
    /// policies too), as each node of a real deployment has its own checkout.
    /// </summary>
    public void CopyWorkflows(bool samplePolicies)
    {
        var source = Path.Combine(RepositoryFolder.Path, "workflows");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (!samplePolicies && !relative.StartsWith("org", StringComparison.Ordinal))
            {
                continue;
            }

            var copy = Path.Combine(WorkflowsPath, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
    }

    public async Task StartAsync()
    {
        lock (_output)
        {
            _output.Clear();
        }

        _listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = Path.Combine(AppContext.BaseDirectory, "EscalationStudio.Server.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(server);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        var environment = start.Environment;
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        environment["Escalation__Provider"] = "Postgres";
        environment["ConnectionStrings__Escalation"] = connectionString;
        environment["Escalation__DataPath"] = Path.Combine(root, "data");
        environment["Escalation__WorkflowsPath"] = WorkflowsPath;
        environment["Escalation__TemplatesPath"] = Path.Combine(RepositoryFolder.Path, "templates");
        environment["Auth__ApiKeys__0__Key"] = Key;
        environment["Auth__ApiKeys__0__Role"] = "admin";
        Directory.CreateDirectory(root);

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (first != _listening.Task)
        {
            await StopAsync();
            throw new InvalidOperationException($"node {name} did not start listening:\n{string.Join('\n', Output.TakeLast(40))}");
        }

        BaseAddress = await _listening.Task;
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", Key);
        return client;
    }

    /// <summary>Stops the node as an operator would (SIGTERM), so it lets go of what it leads; killed if it hangs.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString()]))
            {
                await term!.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ListeningOn().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
