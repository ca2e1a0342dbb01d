using EscalationStudio.Server.Studio.Forms;

namespace EscalationStudio.Server.Studio.Pages;

/// <summary><c>/studio/sign-in</c>: a person pastes their API key once; the cookie carries them from then on.</summary>
internal static class SignInPage
{
    public static IResult Render(HttpContext context, string returnUrl, string? error = null, int statusCode = StatusCodes.Status200OK) => PageLayout.Html("Sign in", $"""
        {PageLayout.Header(null)}
        <main style="max-width:420px">
          <h1>Sign in</h1>
          <p class="muted">Paste the API key your administrator gave you.</p>
          {(error is null ? "" : $"""<p class="error" role="alert">{PageLayout.Encode(error)}</p>""")}
          <form method="post" action="/studio/sign-in">
            {StudioForms.TokenField(context)}
            <input type="hidden" name="returnUrl" value="{PageLayout.Encode(returnUrl)}">
            <p><label for="key">API key</label><br><input id="key" name="key" type="password" autocomplete="current-password" required autofocus></p>
            <button type="submit">Sign in</button>
          </form>
        </main>
        """, statusCode);
}
