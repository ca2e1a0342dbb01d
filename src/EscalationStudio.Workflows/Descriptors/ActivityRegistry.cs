using System.Linq.Expressions;
using System.Reflection;
using EscalationStudio.Workflows.Activities;

namespace EscalationStudio.Workflows.Descriptors;

/// <summary>
/// The activity types the engine can run, keyed by Elsa type name and version. Built once with
/// <see cref="ActivityRegistryBuilder"/>; immutable afterwards, so it is safe to share between threads.
/// </summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<(string TypeName, int Version), ActivityRegistration> _byTypeAndVersion;
    private readonly Dictionary<string, ActivityRegistration> _latestByTypeName;

    internal ActivityRegistry(IEnumerable<ActivityRegistration> registrations)
    {
        var list = registrations.ToList();

        // A renamed activity answers to its former names too, so definitions written before the rename still load.
        var named = list.SelectMany(r => NamesOf(r).Select(name => (Name: name, Registration: r))).ToList();
        _byTypeAndVersion = named.ToDictionary(n => (n.Name, n.Registration.Descriptor.Version), n => n.Registration);
        _latestByTypeName = named.GroupBy(n => n.Name)
            .ToDictionary(g => g.Key, g => g.Select(n => n.Registration).MaxBy(r => r.Descriptor.Version)!, StringComparer.Ordinal);
        Registrations = list;
    }

    public IReadOnlyList<ActivityRegistration> Registrations { get; }

    public IEnumerable<ActivityDescriptor> Descriptors => Registrations.Select(r => r.Descriptor);

    /// <summary>Elsa's lookup order: exact type and version, otherwise the latest version of the type.</summary>
    public ActivityRegistration? Find(string typeName, int? version = null) =>
        version is { } v && _byTypeAndVersion.TryGetValue((typeName, v), out var exact) ? exact
        : _latestByTypeName.GetValueOrDefault(typeName);

    /// <summary>The type names an activity answers to: its own, and those it had before a rename (<see cref="ActivityAttribute.FormerTypes"/>).</summary>
    public static IEnumerable<string> NamesOf(ActivityRegistration registration) =>
        [registration.Descriptor.TypeName,
            .. (registration.ClrType.GetCustomAttribute<ActivityAttribute>()?.FormerTypes ?? []).Select(former => $"{registration.Descriptor.Namespace}.{former}")];

    internal static ActivityRegistration CreateRegistration(Type type)
    {
        var create = Expression.Lambda<Func<Activity>>(Expression.New(type)).Compile();
        return new ActivityRegistration(type, ActivityDescriber.Describe(type), create);
    }
}

/// <summary>Collects activity classes, validates them all, and builds the registry.</summary>
public sealed class ActivityRegistryBuilder
{
    private readonly List<Type> _types = [];

    public ActivityRegistryBuilder Add<TActivity>() where TActivity : Activity => Add(typeof(TActivity));

    public ActivityRegistryBuilder Add(Type activityType)
    {
        if (!_types.Contains(activityType))
        {
            _types.Add(activityType);
        }

        return this;
    }

    /// <summary>Adds every concrete activity class with an [Activity] attribute in the assembly.</summary>
    public ActivityRegistryBuilder AddFromAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false }
                     && typeof(Activity).IsAssignableFrom(t) && t.GetCustomAttribute<ActivityAttribute>() is not null))
        {
            Add(type);
        }

        return this;
    }

    /// <summary>Validates every class; throws <see cref="ActivityRegistrationException"/> listing all problems.</summary>
    public ActivityRegistry Build()
    {
        var problems = _types.SelectMany(ActivityValidator.FindProblems).ToList();
        if (problems.Count == 0)
        {
            var registrations = _types.Select(ActivityRegistry.CreateRegistration).ToList();
            problems.AddRange(registrations
                .SelectMany(r => ActivityRegistry.NamesOf(r).Select(name => (TypeName: name, Registration: r)))
                .GroupBy(n => (n.TypeName, n.Registration.Descriptor.Version))
                .Where(g => g.Count() > 1)
                .Select(g => $"{g.Key.TypeName} v{g.Key.Version}: declared by {string.Join(" and ", g.Select(n => n.Registration.ClrType.FullName))}."));
            if (problems.Count == 0)
            {
                return new ActivityRegistry(registrations);
            }
        }

        throw new ActivityRegistrationException(problems);
    }
}
