using System.Text.Json;
using FluentValidation;

namespace EscalationStudio.Server.Validation;

/// <summary>
/// The one endpoint filter that runs FluentValidation: every handler argument whose type has an
/// <see cref="IValidator{T}"/> is validated before the handler runs; failures answer 400 problem+json whose
/// <c>errors</c> are keyed by the camelCase field path (e.g. <c>requester.email</c>). Before that, every argument that
/// carries request text is held to <see cref="StorableText"/>, the rule all text fields share.
/// </summary>
internal static class RequestValidationFilter
{
    public static TBuilder ValidateRequests<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory(Create);
        return builder;
    }

    public static string FieldPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));

    private static EndpointFilterDelegate Create(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var isService = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var parameters = context.MethodInfo.GetParameters();
        var validated = parameters
            .Select((parameter, index) => (Index: index, ValidatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
            .Where(p => isService.IsService(p.ValidatorType))
            .ToArray();
        var texts = parameters.Select((parameter, index) => (Index: index, Parameter: parameter))
            .Where(p => StorableText.Carries(p.Parameter, isService))
            .ToArray();
        if (validated.Length == 0 && texts.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (index, parameter) in texts)
            {
                foreach (var (field, problem) in StorableText.Problems(parameter, invocation.Arguments[index]))
                {
                    Add(errors, field, problem);
                }
            }

            // The validators read the text too (a JSON node with a lone surrogate throws when read): unstorable text
            // is the whole answer.
            if (errors.Count > 0)
            {
                return Invalid(errors);
            }

            foreach (var (index, validatorType) in validated)
            {
                var argument = invocation.Arguments[index];
                if (argument is null)
                {
                    errors["body"] = ["a JSON body is required"];
                    continue;
                }

                var validator = (IValidator)invocation.HttpContext.RequestServices.GetRequiredService(validatorType);
                var result = await validator.ValidateAsync(new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
                foreach (var failure in result.Errors)
                {
                    Add(errors, FieldPath(failure.PropertyName), failure.ErrorMessage);
                }
            }

            return errors.Count == 0 ? await next(invocation) : Invalid(errors);
        };
    }

    private static void Add(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    private static IResult Invalid(Dictionary<string, List<string>> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "The request has invalid fields");
}
