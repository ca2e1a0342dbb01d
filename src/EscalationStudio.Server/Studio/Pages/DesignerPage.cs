using System.Security.Claims;
using System.Text.Encodings.Web;
using EscalationStudio.Server.BrowserSecurity;
using EscalationStudio.Server.Studio.Assets;
using EscalationStudio.Workflows.Definitions.Store;

namespace EscalationStudio.Server.Studio.Pages;

/// <summary>
/// <c>/studio/workflows/{definitionId}</c>: hosts the Elsa Studio definition editor. Written here rather than taken
/// from the package, whose index.html links Google Fonts and names an element that does not exist. The page must sit
/// under the base href, the element needs remote-endpoint, and the editor sizes itself to the full viewport minus
/// an app bar, which our header takes.
/// </summary>
internal static class DesignerPage
{
    /// <param name="canTestRun">Whether ▶ Run can do anything here; without a test runner the button is hidden.</param>
    /// <param name="policies">Offered in the bar: picking one opens it in the designer already running (see <see cref="SwitchScript"/>).</param>
    public static IResult Render(string definitionId, HttpRequest request, ClaimsPrincipal user, bool canTestRun, IReadOnlyList<DefinitionSummary> policies)
    {
        // The element needs an absolute URL, but the Host header is the client's to choose (a poisoned cache or a
        // proxy could pass another); EndpointScript makes the URL in the browser, from the page's own address.
        var apiPath = $"{request.PathBase}/elsa/api";
        var assets = request.HttpContext.RequestServices.GetRequiredService<DesignerAssets>();
        // The page names the files' versions, so it is the one thing the browser must always ask for again.
        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        string Url(string path) => Encode(assets.VersionedUrl(path));
        var baseHref = $"{request.PathBase}/studio/";
        return TypedResults.Content($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1.0">
            <title>Policy designer · Escalation Studio</title>
            <base href="{{Encode(baseHref)}}">
            <link rel="icon" type="image/png" sizes="32x32" href="{{Url("_content/Elsa.Studio.Shell/favicon-32x32.png")}}">
            <link href="{{Url("_content/MudBlazor/MudBlazor.min.css")}}" rel="stylesheet">
            <link href="{{Url("_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css")}}" rel="stylesheet">
            <link href="{{Url("_content/Radzen.Blazor/css/material-base.css")}}" rel="stylesheet">
            <link href="{{Url("_content/Elsa.Studio.Shell/css/shell.css")}}" rel="stylesheet">
            <link href="{{Url("Elsa.Studio.Host.CustomElements.styles.css")}}" rel="stylesheet">
            <link rel="modulepreload" href="_content/Elsa.Studio.Workflows.Designer/designer.entry.js">
            <style>
              html, body { margin: 0; height: 100%; overflow: hidden; }
              body, .mud-typography { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
              .studio-bar { height: 48px; display: flex; align-items: center; gap: 16px; padding: 0 16px; background: #1f4e8c; color: #fff; font: 600 15px system-ui, sans-serif; }
              .studio-bar a { color: #fff; text-decoration: none; }
              .studio-bar select { font: 14px system-ui, sans-serif; max-width: 360px; }
              .studio-bar .who { margin-left: auto; font-weight: 400; font-size: 13px; opacity: .9; }
              #blazor-error-ui { display: none; position: fixed; bottom: 0; left: 0; right: 0; padding: 8px 16px; background: #ffe3e3; z-index: 2000; }
              {{(canTestRun ? "" : ".mud-toolbar button.mud-success-text { display: none; }")}}
            </style>
            </head>
            <body>
            {{StudioBar(definitionId, user, canTestRun, policies, baseHref)}}
            <elsa-workflow-definition-editor definition-id="{{Encode(definitionId)}}" data-api-path="{{Encode(apiPath)}}"></elsa-workflow-definition-editor>
            <div id="blazor-error-ui">An unhandled error has occurred. <a href="" class="reload">Reload</a> <a class="dismiss">🗙</a></div>
            <script src="{{EndpointScriptFile}}"></script>
            <script src="{{SwitchScriptFile}}" defer></script>
            <script src="{{FaultScriptFile}}"></script>
            <script src="{{ViewScriptFile}}" defer></script>
            <script src="{{Url("_content/BlazorMonaco/jsInterop.js")}}"></script>
            <script src="{{MonacoOnDemandScriptFile}}"></script>
            <script src="{{Url("_content/MudBlazor/MudBlazor.min.js")}}"></script>
            <script src="{{Url("_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js")}}"></script>
            <script src="{{Url("_content/Radzen.Blazor/Radzen.Blazor.js")}}"></script>
            <script src="{{Url("_framework/blazor.webassembly.js")}}"></script>
            </body>
            </html>
            """, "text/html; charset=utf-8");
    }

    private static string StudioBar(
        string definitionId, ClaimsPrincipal user, bool canTestRun, IReadOnlyList<DefinitionSummary> policies, string baseHref) =>
        $"""<nav class="studio-bar" aria-label="Escalation Studio">{OtherAreas(user, baseHref)}<a href="{Encode(baseHref)}">← Policies</a>{PolicyPicker(definitionId, policies)}""" +
        (canTestRun ? TestRunsLink(baseHref, definitionId) : "") +
        $"""<span class="who">{Encode(user.Identity?.Name)}{(StudioAuthentication.MayEdit(user) ? "" : " · read-only")}</span></nav>""";

    /// <summary>The product's other areas (Desk, Escalation health for those who may open it): one navigation, here too.</summary>
    private static string OtherAreas(ClaimsPrincipal user, string baseHref) =>
        string.Concat(Shell.ProductAreas.For(user).Where(area => area.Href != "/studio")
            .Select(area => $"""<a class="product-area" href="{Encode(baseHref[..^"studio/".Length] + area.Href.TrimStart('/'))}">{Encode(area.Name)}</a>"""));

    private static string PolicyPicker(string definitionId, IReadOnlyList<DefinitionSummary> policies) =>
        $"""<select id="policy-switch" aria-label="Open another policy">{string.Concat(policies
            .OrderBy(p => p.Name ?? p.DefinitionId, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => $"""<option value="{Encode(p.DefinitionId)}"{(p.DefinitionId == definitionId ? " selected" : "")}>{Encode(p.Name ?? p.DefinitionId)}</option>"""))}</select>""";

    /// <summary>A new tab, so the designer stays open (and Blazor leaves the link alone).</summary>
    private static string TestRunsLink(string baseHref, string definitionId) =>
        $"""<a id="test-runs-link" href="{Encode($"{baseHref}runs?policy={Uri.EscapeDataString(definitionId)}")}" target="_blank" rel="noopener">Test runs ↗</a>""";

    /// <summary>
    /// The default policy plus the two inline scripts Elsa Studio 3.8.2's editor renders as markup (the Ctrl+S / Ctrl+Shift+S
    /// and Ctrl+R hotkeys, each defining <c>window.editorHotkeys</c>), allowed by their SHA-256 and nothing else inline.
    /// Another package version brings other hashes: the browser tests then fail and name the refused script's hash.
    /// </summary>
    public static readonly ContentSecurityPolicy Policy = new(SecurityHeaders.DefaultPolicy.Replace(
        "script-src 'self' 'wasm-unsafe-eval'",
        "script-src 'self' 'wasm-unsafe-eval' 'sha256-snlP1jz0gjwc5cTz9ErZcliXuCK63+Mmf68RRCeptgc=' 'sha256-vu6sQrKXQHR4Yn3FMMihA/9TxxfIXnCxKwvLrTPJ5ts='",
        StringComparison.Ordinal));

    private static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public const string SwitchScriptFile = "designer-switch.js";

    /// <summary>
    /// Opening another policy changes the running editor's <c>definition-id</c> instead of loading the page again: the
    /// WebAssembly app boots once (seconds), a switch takes under one. The address follows (back and forward work).
    /// </summary>
    public const string SwitchScript = """
        (() => {
          const editor = document.querySelector("elsa-workflow-definition-editor");
          const picker = document.getElementById("policy-switch");
          const runs = document.getElementById("test-runs-link");
          if (!editor || !picker) return;
          const open = (id, push) => {
            editor.setAttribute("definition-id", id);
            picker.value = id;
            if (runs) {
              const url = new URL(runs.href);
              url.searchParams.set("policy", id);
              runs.href = url.href;
            }
            if (push) history.pushState({ definitionId: id }, "", new URL("workflows/" + encodeURIComponent(id), document.baseURI).href);
          };
          history.replaceState({ definitionId: editor.getAttribute("definition-id") }, "");
          picker.addEventListener("change", () => open(picker.value, true));
          window.addEventListener("popstate", e => { if (e.state && e.state.definitionId) open(e.state.definitionId, false); });
        })();

        """;

    public const string MonacoOnDemandScriptFile = "designer-monaco.js";

    /// <summary>
    /// Monaco (the code editor of Code view and of expression inputs, 3 MB of script and its CSS) is loaded the first
    /// time the designer asks BlazorMonaco for something that needs it, not while the app boots: until then each of
    /// BlazorMonaco's functions that uses the global <c>monaco</c> loads it through its AMD loader and then runs (Blazor
    /// awaits the promise). Once Monaco is there they run as they are, so BlazorMonaco's calls among its own functions
    /// stay synchronous.
    /// </summary>
    public const string MonacoOnDemandScript = """
        (() => {
          const interop = window.blazorMonaco;
          if (!interop) return;
          let loading = null;
          // Studio makes a hidden expression editor while it boots. Fetching and running Monaco then (0.7 MB of script on
          // the one thread the app has) held back the first drawing of the policy by about a second, so a call made
          // before the canvas shows a node waits until it does (5 s at most: a new policy may have no node).
          const canvasDrawn = () => new Promise(resolve => {
            if (document.querySelector(".x6-node")) return resolve();
            const done = () => { observer.disconnect(); clearTimeout(timer); resolve(); };
            const observer = new MutationObserver(() => { if (document.querySelector(".x6-node")) done(); });
            const timer = setTimeout(done, 5000);
            observer.observe(document.body, { childList: true, subtree: true });
          });
          const load = () => loading ??= canvasDrawn().then(() => new Promise((resolve, reject) => {
            const loader = document.createElement("script");
            loader.src = new URL("_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js", document.baseURI).href;
            // BlazorMonaco's jsInterop.js left the loader's settings (the vs path) in the global require.
            loader.onload = () => window.require(["vs/editor/editor.main"], () => resolve(), reject);
            loader.onerror = () => reject(new Error("Monaco's loader did not load"));
            document.head.appendChild(loader);
          }));
          const standIns = () => document.getElementById("monaco-stand-ins")
            ?? document.body.appendChild(Object.assign(document.createElement("div"), { id: "monaco-stand-ins", hidden: true }));
          for (const group of [interop.editor, interop.languages]) {
            for (const [name, original] of Object.entries(group ?? {})) {
              // What touches Monaco, or an editor by its id, waits for it: an editor made meanwhile is still waiting too,
              // and is made first (a dispose or a setValue would not find it). setWasm, called at boot, does not wait.
              const source = typeof original === "function" ? original.toString() : "";
              const byEditorId = /getEditor(Holder)?\(/.test(source);
              const makesEditor = /monaco\.editor\.create(DiffEditor)?\(/.test(source);
              if (!byEditorId && !/(^|[^\w.])monaco\./.test(source)) continue;
              group[name] = function (...args) {
                if (window.monaco) return original.apply(this, args);
                return load().then(() => {
                  // Meanwhile Studio may have re-rendered the panel that asked (after a rollback, say) and removed the
                  // editor's element. The editor is then made in a hidden stand-in, where BlazorMonaco's next calls
                  // (listeners, dispose) find it, as they would have had Monaco been there sooner.
                  const id = args[0];
                  if (byEditorId && typeof id === "string" && !document.getElementById(id)) {
                    if (makesEditor) standIns().appendChild(Object.assign(document.createElement("div"), { id }));
                    else if (!window.blazorMonaco.editors.some(holder => holder.id === id)) return undefined;
                  }
                  return original.apply(this, args);
                });
              };
            }
          }
        })();

        """;

    public const string FaultScriptFile = "designer-faults.js";

    /// <summary>
    /// A refused publish (400 problem+json) names each faulty activity by its id; the designer lists the messages only.
    /// This selects the first activity named on the canvas, as a click would, so its properties open beside the reason.
    /// </summary>
    public const string FaultScript = """
        (() => {
          const original = window.fetch;
          const nodeNamedIn = messages => {
            for (const message of messages) {
              for (const node of document.querySelectorAll(".x6-node[data-cell-id]")) {
                const id = node.getAttribute("data-cell-id");
                if (message.includes(`(id ${id})`) || message.startsWith(`activity ${id}:`) || message.includes(` activity ${id}:`)) return node;
              }
            }
            return null;
          };
          const select = node => {
            const box = node.getBoundingClientRect();
            const at = { bubbles: true, cancelable: true, view: window, button: 0, clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
            // On the node itself, not what is drawn at that point: another node may lie over it.
            node.dispatchEvent(new MouseEvent("mousedown", at));
            node.dispatchEvent(new MouseEvent("mouseup", at));
          };
          window.fetch = async function (input, init) {
            const response = await original.apply(this, arguments);
            const request = input instanceof Request ? input : null;
            const url = new URL(request ? request.url : String(input), document.baseURI);
            if (response.status === 400 && (init?.method ?? request?.method) === "POST" && url.pathname.endsWith("/workflow-definitions")) {
              response.clone().json().then(problem => {
                const node = nodeNamedIn(Object.values(problem.errors ?? {}).flat());
                if (node) select(node);
              }, () => { });
            }
            return response;
          };
        })();

        """;

    public const string ViewScriptFile = "designer-view.js";

    /// <summary>
    /// The view a policy opens with (all of it, trigger and outcome labels included), and Auto layout in rows rather
    /// than one long row.
    /// </summary>
    public const string ViewScript = """
        (() => {
          // Elsa Studio opens a policy at 100 % around its middle, so a wide one starts cut off (the trigger among what is
          // cut), and its own Fit leaves out the port labels (the outcomes' names) at the edges. This fits each policy as
          // it is first drawn, once per policy opened, labels included, never above 100 %, through the designer module
          // Blazor has loaded by then (the same URL is the same module).
          const editor = document.querySelector("elsa-workflow-definition-editor");
          const fittedFor = new WeakMap();
          let designer = null;

          const drawnArea = graph => {
            let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
            for (const cell of graph.getCells()) {
              const box = graph.findViewByCell(cell)?.container.getBoundingClientRect();
              if (!box || box.width === 0) continue;
              left = Math.min(left, box.left); top = Math.min(top, box.top);
              right = Math.max(right, box.right); bottom = Math.max(bottom, box.bottom);
            }
            if (left === Infinity) return null;
            const from = graph.clientToLocal(left, top);
            const to = graph.clientToLocal(right, bottom);
            return { x: from.x, y: from.y, width: to.x - from.x, height: to.y - from.y };
          };

          const fit = graph => {
            const area = drawnArea(graph);
            if (area) graph.zoomToRect(area, { padding: 24, minScale: 0.3, maxScale: 1 });
            return area !== null;
          };

          // Elsa's Auto layout (dagre, left to right) puts a chain of steps in one row, however long, and spaces the
          // steps by their size before Elsa measures their names. Its ranks (the steps sharing a column, top to bottom)
          // are kept, and once the steps are measured the columns are laid out again, folded into rows that read left to
          // right like the samples, with room for the port labels.
          const rowWidth = 1000, columnGap = 100, rowGap = 80, stepGap = 40;
          const ranksOf = graph => {
            const columns = [];
            const byCentre = graph.getNodes().map(node => ({ node, centre: node.getBBox().center.x, y: node.getPosition().y }))
              .sort((a, b) => a.centre - b.centre || a.y - b.y);
            for (const step of byCentre) {
              const last = columns.at(-1);
              if (last && Math.abs(step.centre - last.centre) < 1) last.ids.push(step.node.id);
              else columns.push({ centre: step.centre, ids: [step.node.id] });
            }
            return columns.map(column => column.ids);
          };
          const arrangeInRows = (graph, ranks) => {
            const byId = new Map(graph.getNodes().map(node => [node.id, node]));
            const columns = ranks.map(ids => ids.map(id => byId.get(id)).filter(Boolean)).filter(column => column.length > 0);
            let x = 0, y = 0, rowHeight = 0;
            for (const column of columns) {
              const width = Math.max(...column.map(node => node.getSize().width));
              const height = column.reduce((sum, node) => sum + node.getSize().height, 0) + stepGap * (column.length - 1);
              if (x > 0 && x + width > rowWidth) { x = 0; y += rowHeight + rowGap; rowHeight = 0; }
              let top = y;
              for (const node of column) { node.setPosition(x, top); top += node.getSize().height + stepGap; }
              rowHeight = Math.max(rowHeight, height);
              x += width + columnGap;
            }
          };

          // Auto layout reloads the graph and at once tells Blazor it changed: its ranks are read there, and the rows
          // made when the drawing has settled, then told to Blazor too, so the draft gets them. Per graph binding: Elsa's
          // own raiseGraphUpdated, and the ranks of an Auto layout not yet folded.
          const autoLayouts = new WeakMap();
          const hookAutoLayout = binding => {
            const { graph, interop } = binding;
            if (autoLayouts.has(binding) || !interop?.raiseGraphUpdated) return;
            const hook = { raiseGraphUpdated: interop.raiseGraphUpdated.bind(interop), ranks: null };
            autoLayouts.set(binding, hook);
            let reloaded = false;
            graph.model.on("reseted", () => { reloaded = true; setTimeout(() => { reloaded = false; }); });
            interop.raiseGraphUpdated = (...args) => {
              if (reloaded && binding.mode !== "sequence") {
                reloaded = false;
                hook.ranks = ranksOf(graph);
              }
              return hook.raiseGraphUpdated(...args);
            };
          };
          const foldIntoRows = binding => {
            const hook = autoLayouts.get(binding);
            if (!hook?.ranks) return false;
            arrangeInRows(binding.graph, hook.ranks);
            hook.ranks = null;
            hook.raiseGraphUpdated();
            return true;
          };

          // The canvas says which policy it was last fitted for (data-fitted-for), so whoever clicks a step by where it
          // is drawn (a person's script, the browser tests) can wait until the view stops moving.
          const fitted = (graph, definitionId) => {
            fittedFor.set(graph, definitionId);
            graph.container.dataset.fittedFor = definitionId ?? "";
          };

          // A policy with no step yet (a new one) has nothing to fit, and the first step dropped on it must stay where it
          // was dropped, not be "first drawn" and pulled to the middle at 100 %. An empty canvas also looks like a policy
          // still loading, so the API says which it is: the latest version, which the editor loads too. Asked once per
          // policy opened; data-view-checked tells how many steps the view last looked at.
          let emptyAsked = { definitionId: null, empty: null };
          const isEmptyPolicy = definitionId => {
            if (emptyAsked.definitionId !== definitionId) {
              const api = editor?.getAttribute("remote-endpoint");
              const empty = !api ? Promise.resolve(false) :
                fetch(`${api}/workflow-definitions/by-definition-id/${encodeURIComponent(definitionId)}?versionOptions=Latest`, { credentials: "same-origin" })
                  .then(response => response.ok ? response.json() : null)
                  .then(definition => Array.isArray(definition?.root?.activities) && definition.root.activities.length === 0)
                  .catch(() => false);
              emptyAsked = { definitionId, empty };
            }
            return emptyAsked.empty;
          };

          const fitNewlyDrawn = async ({ graphBindings }) => {
            const definitionId = editor?.getAttribute("definition-id");
            for (const binding of Object.values(graphBindings)) {
              const graph = binding?.graph;
              if (!graph?.container?.isConnected) continue;
              graph.container.dataset.viewChecked = graph.getNodes().length;
              if (graph.getNodes().length === 0) {
                if (definitionId && fittedFor.get(graph) !== definitionId && await isEmptyPolicy(definitionId)
                  && graph.getNodes().length === 0 && editor?.getAttribute("definition-id") === definitionId) {
                  fitted(graph, definitionId);
                }
                continue;
              }
              hookAutoLayout(binding);
              if (foldIntoRows(binding)) {
                // X6 draws the moves at the next frames; the fit measures what is drawn.
                fittedFor.set(graph, definitionId);
                requestAnimationFrame(() => requestAnimationFrame(() => { fit(graph); fitted(graph, definitionId); }));
              } else if (fittedFor.get(graph) !== definitionId && fit(graph)) {
                fitted(graph, definitionId);
              }
            }
          };

          // Elsa sizes each node to its text after adding it, so the fit waits for the drawing to settle.
          let settle = null;
          new MutationObserver(() => {
            clearTimeout(settle);
            settle = setTimeout(async () => {
              if (!document.querySelector(".x6-graph-svg")) return;
              designer ??= import(new URL("_content/Elsa.Studio.Workflows.Designer/designer.entry.js", document.baseURI).href);
              await fitNewlyDrawn(await designer);
            }, 100);
          }).observe(document.body, { childList: true, subtree: true });
        })();

        """;

    public const string EndpointScriptFile = "designer-endpoint.js";

    /// <summary>
    /// Gives the editor element its API address before Blazor starts: the page's own origin and the path the server
    /// wrote. A file rather than an inline script, so the Content-Security-Policy can stay at script-src 'self'.
    /// </summary>
    public const string EndpointScript = """
        for (const editor of document.querySelectorAll("elsa-workflow-definition-editor[data-api-path]")) {
          editor.setAttribute("remote-endpoint", new URL(editor.dataset.apiPath, document.baseURI).href);
        }

        """;

    /// <summary>The WASM host fetches appsettings.json beside the base href; the editor element ignores its backend URL.</summary>
    public const string AppSettings = """{"Logging":{"LogLevel":{"Default":"Warning"}}}""";
}
