using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Policies.Settings;

/// <summary>
/// The rules of one options class, run when the host starts: a setting that cannot work stops the start with a message
/// naming it (<c>Escalation:Dispatch:TicketsAtOnce must be at least 1 (was 0)</c>) instead of being bent into range
/// where it is used. A rule's message is what follows the setting's name; a rule over several settings (no property)
/// names them itself.
/// </summary>
public abstract class SettingsValidator<TOptions>(string section) : AbstractValidator<TOptions>
    where TOptions : class
{
    /// <summary>The configuration section the options are bound from, e.g. <c>Escalation:Dispatch</c>.</summary>
    public string Section => section;

    /// <summary>One failure as a line of the start error: the setting's configuration path, then the rule's message.</summary>
    internal string Describe(ValidationFailure failure) => string.IsNullOrEmpty(failure.PropertyName)
        ? failure.ErrorMessage
        // ApiKeys[0].Key is configured as ApiKeys:0:Key.
        : $"{section}:{failure.PropertyName.Replace("].", ":", StringComparison.Ordinal).Replace('[', ':').Replace('.', ':').TrimEnd(']')} {failure.ErrorMessage}";
}

public static class SettingsValidation
{
    /// <summary>
    /// Validates the options with <typeparamref name="TValidator"/> when the host starts (and whenever they are read).
    /// Called by the services that own the options, so each validator is registered once, by its owner.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateOnStart<TOptions, TValidator>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
        where TValidator : SettingsValidator<TOptions>
    {
        builder.Services.TryAddSingleton<TValidator>();
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(provider => new ValidatedSettings<TOptions>(provider.GetRequiredService<TValidator>()));
        return builder.ValidateOnStart();
    }

    /// <summary>Whether a validator type checks settings (registered by its owner) rather than requests.</summary>
    public static bool IsSettingsValidator(Type validatorType)
    {
        for (var type = validatorType.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(SettingsValidator<>))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class ValidatedSettings<TOptions>(SettingsValidator<TOptions> validator) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var result = validator.Validate(options);
            return result.IsValid ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(result.Errors.Select(validator.Describe));
        }
    }
}
