using System.Text;

namespace EscalationStudio.Workflows.Materialization;

/// <summary>Names Elsa derives: a workflow's activity type ("Subworkflow test" → "SubworkflowTest") and camelCase JSON properties.</summary>
internal static class ActivityTypeName
{
    public static string ForWorkflow(string? definitionName)
    {
        var builder = new StringBuilder();
        foreach (var word in (definitionName ?? "").Split([' ', '_', '-', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var letters = new string(word.Where(char.IsLetterOrDigit).ToArray());
            if (letters.Length == 0)
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(letters[0])).Append(letters[1..]);
        }

        return builder.ToString();
    }

    public static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
