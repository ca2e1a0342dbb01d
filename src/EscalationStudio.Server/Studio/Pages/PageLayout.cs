using System.Text.Encodings.Web;
using EscalationStudio.Server.Studio.Forms;

namespace EscalationStudio.Server.Studio.Pages;

/// <summary>The frame of the plain Studio pages. System fonts only: nothing is fetched from outside the server.</summary>
internal static class PageLayout
{
    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static IResult Html(string title, string body, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Encode(title)}} · Escalation Studio</title>
            <link rel="icon" type="image/png" sizes="32x32" href="/studio/_content/Elsa.Studio.Shell/favicon-32x32.png">
            <style>
              body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2933; background: #f7f8fa; }
              header { background: #1f4e8c; color: #fff; padding: 0 24px; height: 52px; display: flex; align-items: center; gap: 24px; }
              header a { color: #fff; text-decoration: none; font-weight: 600; }
              header .who { margin-left: auto; font-size: 13px; opacity: .9; }
              main { max-width: 1100px; margin: 24px auto; padding: 0 24px; }
              table { width: 100%; border-collapse: collapse; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
              th, td { text-align: left; padding: 10px 12px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }
              th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #616e7c; }
              .status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; }
              .published { background: #e3f9e5; color: #207227; } .draft { background: #fff3c4; color: #8d6a00; } .suspended { background: #ffe3e3; color: #a61b1b; }
              button, .button { background: #1f4e8c; color: #fff; border: 0; border-radius: 4px; padding: 8px 16px; font: inherit; cursor: pointer; text-decoration: none; }
              input[type=password], input[type=text] { font: inherit; padding: 8px; width: 100%; box-sizing: border-box; border: 1px solid #cbd2d9; border-radius: 4px; }
              .error { color: #ab091e; } .muted { color: #616e7c; }
              .toolbar { display: flex; align-items: center; justify-content: space-between; margin-bottom: 16px; }
            </style>
            </head>
            <body>
            {{body}}
            </body>
            </html>
            """, "text/html; charset=utf-8", statusCode: statusCode);

    /// <summary>The bar on top; with the signed-in person's name and a sign-out form when <paramref name="context"/> is given.</summary>
    public static string Header(HttpContext? context) => $"""
        <header><a href="/studio">Escalation Studio</a><span>Policies</span>
        {(context?.User.Identity?.Name is not { } userName ? "" : $"""<span class="who">{Encode(userName)} · <form method="post" action="/studio/sign-out" style="display:inline">{StudioForms.TokenField(context)}<button style="padding:2px 8px">Sign out</button></form></span>""")}
        </header>
        """;
}
