using System.Text.Json;
using FluentValidation;

namespace EscalationStudio.Server.Validation;

/// <summary>
/// The one endpoint filter that runs FluentValidation: every handler argument whose type has an
/// <see cref="IValidator{T}"/> is validated before the handler runs; failures answer 400 problem+json whose
/// <c>errors</c> are keyed by the camelCase field path (e.g. <c>requester.email</c>).
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
        var validated = context.MethodInfo.GetParameters()
            .Select((parameter, index) => (Index: index, ValidatorType: typeof(IValidator<>).MakeGenericType(parameter.ParameterType)))
            .Where(p => isService.IsService(p.ValidatorType))
            .ToArray();
        if (validated.Length == 0)
        {
            return next;
        }

        return async invocation =>
        {
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
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
                    var field = FieldPath(failure.PropertyName);
                    if (!errors.TryGetValue(field, out var messages))
                    {
                        errors[field] = messages = [];
                    }

                    messages.Add(failure.ErrorMessage);
                }
            }

            return errors.Count == 0
                ? await next(invocation)
                : TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "The request has invalid fields");
        };
    }
}
