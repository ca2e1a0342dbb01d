using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace EscalationStudio.Cli.Workspace;

/// <summary>Human output through Spectre.Console (tables and colour on a terminal, plain text when redirected); JSON for machines.</summary>
internal static class Terminal
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IAnsiConsole Out { get; } = CreateOut();

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public static int Fail(string command, string message)
    {
        Console.Error.WriteLine($"escalation {command}: {message}");
        return Commands.ExitCodes.BadUsage;
    }

    /// <summary>Like the other, with a bar that fills up to <paramref name="total"/> (bytes of a file sent, say).</summary>
    public static async Task<T> WithProgressAsync<T>(string description, bool quiet, long total, Func<IProgress<long>?, Task<T>> work)
    {
        if (quiet || total <= 0 || Console.IsErrorRedirected || Console.IsOutputRedirected)
        {
            return await work(null);
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: total);
                var result = await work(new Progress<long>(done => task.Value = done));
                task.Value = total;
                task.StopTask();
                return result;
            });
    }

    /// <summary>Runs work with a progress bar on a terminal; silently when output is redirected or JSON is asked for.</summary>
    public static async Task<T> WithProgressAsync<T>(string description, bool quiet, Func<IProgress<long>?, Task<T>> work)
    {
        if (quiet || Console.IsErrorRedirected || Console.IsOutputRedirected)
        {
            return await work(null);
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(description, maxValue: double.MaxValue);
                task.IsIndeterminate = true;
                var result = await work(new Progress<long>(read => task.Description = $"{description}: {read:N0} events"));
                task.StopTask();
                return result;
            });
    }

    private static IAnsiConsole CreateOut()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Ansi = Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (Console.IsOutputRedirected)
        {
            // A file, a pipe or a CI log has no width: Spectre would wrap every line at 80 columns, mid-word, where
            // grep and a pull request's comment need it whole. Tables stay as wide as their content.
            console.Profile.Width = 1_000;
        }

        return console;
    }
}
