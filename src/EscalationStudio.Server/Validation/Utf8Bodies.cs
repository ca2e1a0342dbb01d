using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace EscalationStudio.Server.Validation;

/// <summary>
/// Request bodies are UTF-8: the one encoding JSON travels in (RFC 8259) and the one forms are read in. A body declared
/// in another charset is answered 415 before any endpoint reads it; otherwise ASP.NET Core would transcode a charset it
/// knows (failing with 500 on the first byte that does not fit) and fail with 500 on one it does not know.
/// </summary>
internal static class Utf8Bodies
{
    public static IApplicationBuilder UseUtf8Bodies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (UnsupportedCharset(context) is { } charset)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported charset",
                    Detail = $"the body is declared as charset '{charset}'; send it as UTF-8 (charset=utf-8, or no charset)",
                },
            });
            return;
        }

        await next(context);
    });

    private static string? UnsupportedCharset(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }
            || !MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.Charset.HasValue)
        {
            return null;
        }

        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).ToString();
        if (!charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return charset;
        }

        // The JSON reader looks the charset up as written, and knows no quoted name: charset="utf-8" is read as utf-8.
        if (charset.Length != mediaType.Charset.Length)
        {
            mediaType.Charset = charset;
            context.Request.ContentType = mediaType.ToString();
        }

        return null;
    }
}
