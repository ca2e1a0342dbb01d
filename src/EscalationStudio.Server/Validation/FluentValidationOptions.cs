using FluentValidation;
using Microsoft.Extensions.Options;

namespace EscalationStudio.Server.Validation;

/// <summary>Runs a FluentValidation validator on an options class, so a bad setting stops the host at start.</summary>
internal sealed class FluentValidationOptions<TOptions>(string section, IValidator<TOptions> validator) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = validator.Validate(options);
        return result.IsValid
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(result.Errors.Select(e => $"{section}: {e.ErrorMessage}"));
    }
}

internal static class FluentValidationOptionsExtensions
{
    public static OptionsBuilder<TOptions> ValidateWithFluentValidation<TOptions>(this OptionsBuilder<TOptions> builder, string section)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(sp =>
            new FluentValidationOptions<TOptions>(section, sp.GetRequiredService<IValidator<TOptions>>()));
        return builder;
    }
}
