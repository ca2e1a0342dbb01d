using System.Reflection;
using System.Text.RegularExpressions;
using EscalationStudio.Policies.Briefings;
using Scriban.Runtime;

namespace EscalationStudio.Policies.Tests.Briefings;

/// <summary>
/// templates/README.md's table "What a template sees" is what template authors read: every variable it names must
/// exist on <see cref="BriefingModel"/>, and every member of the model must be in it.
/// </summary>
public sealed partial class TemplateVariablesDocumentationTests
{
    [Fact]
    public void Every_documented_variable_exists_in_the_model()
    {
        var model = Members(typeof(BriefingModel));
        var documented = DocumentedVariables();

        Assert.Empty(documented.Keys.Except(model.Keys));
        foreach (var (variable, members) in documented)
        {
            Assert.Empty(members.Except(model[variable]).Select(member => $"{variable}.{member}"));
        }
    }

    [Fact]
    public void Every_model_member_is_documented()
    {
        var model = Members(typeof(BriefingModel));
        var documented = DocumentedVariables();

        Assert.Empty(model.Keys.Except(documented.Keys));
        foreach (var (variable, members) in model)
        {
            Assert.Empty(members.Except(documented[variable]).Select(member => $"{variable}.{member}"));
        }
    }

    /// <summary>
    /// Each variable with the names a template reaches through it: <c>conversation</c> → <c>recent</c>,
    /// <c>recent.author</c>…, as Scriban renames them (snake_case).
    /// </summary>
    private static Dictionary<string, HashSet<string>> Members(Type model) =>
        model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => StandardMemberRenamer.Rename(p.Name), p => NestedMembers(p.PropertyType, prefix: ""));

    private static HashSet<string> NestedMembers(Type type, string prefix)
    {
        var element = ElementOf(type);
        if (element.Namespace != typeof(BriefingModel).Namespace)
        {
            return [];
        }

        var members = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = prefix + StandardMemberRenamer.Rename(property.Name);
            members.Add(name);
            members.UnionWith(NestedMembers(property.PropertyType, name + "."));
        }

        return members;
    }

    private static Type ElementOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : type;
    }

    /// <summary>
    /// The table's rows: the variables in the first column, the members in the second. A member followed by
    /// "(list of …)" has the members listed inside the parentheses; other parentheses are prose.
    /// </summary>
    private static Dictionary<string, HashSet<string>> DocumentedVariables()
    {
        var readme = File.ReadAllLines(Path.Combine(SampleTemplateTests.RepositoryRoot(), "templates", "README.md"));
        var table = readme.SkipWhile(line => line != "## What a template sees").Skip(1)
            .SkipWhile(line => !line.StartsWith('|')).Skip(2)
            .TakeWhile(line => line.StartsWith('|'));
        var variables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var row in table)
        {
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            var members = new HashSet<string>(StringComparer.Ordinal);
            string? listOwner = null;
            var depth = 0;
            string? previous = null;
            foreach (Match token in Token().Matches(cells[2]))
            {
                if (token.Groups["list"].Success)
                {
                    depth++;
                    listOwner = previous;
                }
                else if (token.Groups["open"].Success)
                {
                    depth++;
                }
                else if (token.Groups["close"].Success && --depth == 0)
                {
                    listOwner = null;
                }
                else if (token.Groups["name"].Value is { Length: > 0 } name && depth == 0)
                {
                    members.Add(name);
                    previous = name;
                }
                else if (token.Groups["name"].Value is { Length: > 0 } listed && listOwner is not null)
                {
                    members.Add($"{listOwner}.{listed}");
                }
            }

            foreach (Match variable in Name().Matches(cells[1]))
            {
                variables[variable.Groups["name"].Value] = members;
            }
        }

        return variables;
    }

    [GeneratedRegex(@"(?<list>\(list of)|(?<open>\()|(?<close>\))|`(?<name>[a-z_]+)`")]
    private static partial Regex Token();

    [GeneratedRegex(@"`(?<name>[a-z_]+)`")]
    private static partial Regex Name();
}
