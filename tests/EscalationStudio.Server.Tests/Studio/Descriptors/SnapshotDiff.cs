using System.Text;

namespace EscalationStudio.Server.Tests.Studio.Descriptors;

/// <summary>A line diff of two texts, unified style, for a snapshot test's failure message.</summary>
internal static class SnapshotDiff
{
    private const int Context = 3;
    private const int MaxLines = 200;

    public static string Describe(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var lines = Lines(a[prefix..^suffix], b[prefix..^suffix]);
        var text = new StringBuilder();
        text.Append(FormattableString.Invariant($"@@ line {prefix + 1} @@\n"));
        foreach (var line in a[Math.Max(0, prefix - Context)..prefix])
        {
            text.Append("  ").Append(line).Append('\n');
        }

        foreach (var line in lines.Take(MaxLines))
        {
            text.Append(line).Append('\n');
        }

        if (lines.Count > MaxLines)
        {
            text.Append(FormattableString.Invariant($"… {lines.Count - MaxLines} more lines\n"));
        }

        foreach (var line in a[(a.Length - suffix)..].Take(Context))
        {
            text.Append("  ").Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The changed middle as kept ("  "), removed ("- ") and added ("+ ") lines, by longest common subsequence.</summary>
    private static List<string> Lines(string[] a, string[] b)
    {
        if ((long)a.Length * b.Length > 4_000_000)
        {
            // Too large to align: show both sides whole (the message is cut at MaxLines anyway).
            return [.. a.Select(l => "- " + l), .. b.Select(l => "+ " + l)];
        }

        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var lines = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add("  " + a[x++]);
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                lines.Add("- " + a[x++]);
            }
            else
            {
                lines.Add("+ " + b[y++]);
            }
        }

        return lines;
    }
}
