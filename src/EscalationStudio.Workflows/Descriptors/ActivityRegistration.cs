namespace EscalationStudio.Workflows.Descriptors;

/// <summary>A registered activity class with its descriptor and a factory for fresh instances.</summary>
public sealed record ActivityRegistration(Type ClrType, ActivityDescriptor Descriptor, Func<Activities.Activity> Create);
