using System.Collections;
using EscalationStudio.Workflows.Execution;

namespace EscalationStudio.Workflows.Activities;

/// <summary>
/// Runs its body once per item, all iterations scheduled at once; each iteration sees <c>CurrentValue</c> and
/// <c>CurrentIndex</c> (<c>getCurrentValue()</c> in scripts). Completes once, when every iteration has completed.
/// </summary>
[Activity("Elsa", "Looping", "Iterate over a set of values in parallel.", DisplayName = "Parallel For Each")]
internal sealed class ParallelForEach : Activity
{
    private const string IterationsProperty = "Iterations";

    [Input(Description = "The items to iterate.")]
    public Input<object>? Items { get; set; }

    public Activity? Body { get; set; }

    protected internal override IEnumerable<Activity> GetChildren() => Body is null ? [] : [Body];

    protected internal override ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        var items = context.Get(Items) switch
        {
            null => [],
            string single => [single],
            IEnumerable many => many.Cast<object?>().ToList(),
            var one => new List<object?> { one },
        };
        if (Body is null || items.Count == 0)
        {
            context.Complete();
            return ValueTask.CompletedTask;
        }

        context.SetProperty(IterationsProperty, new Iterations { Remaining = items.Count });
        for (var index = 0; index < items.Count; index++)
        {
            context.ScheduleActivity(Body, new ScheduleOptions
            {
                Tag = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                LocalVariables = new Dictionary<string, object?> { ["CurrentValue"] = items[index], ["CurrentIndex"] = index },
            });
        }

        return ValueTask.CompletedTask;
    }

    protected internal override ValueTask OnChildCompletedAsync(ActivityExecutionContext context, ChildCompletion child)
    {
        var iterations = context.GetProperty(IterationsProperty, () => new Iterations());
        iterations.Remaining--;
        if (iterations.Remaining <= 0)
        {
            context.Complete();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Persisted with the loop's context, so a loop whose bodies wait on bookmarks resumes correctly.</summary>
    internal sealed class Iterations
    {
        public int Remaining { get; set; }
    }
}
