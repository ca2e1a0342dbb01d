using System.Text;
using EscalationStudio.Workflows.Execution;
using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace EscalationStudio.Workflows.Expressions.JavaScript;

/// <summary>
/// Elsa's script globals (ConfigureEngineWithCommonFunctions, ConfigureEngineWithVariablesAndInputOutputAccessors):
/// variables, inputs, instance identity, string, JSON and GUID helpers, and one <c>get&lt;Name&gt;()</c> /
/// <c>set&lt;Name&gt;(v)</c> pair per visible variable plus <c>get&lt;Input&gt;()</c> per input of the nearest definition.
/// </summary>
internal static class JavaScriptGlobals
{
    public static void Register(Engine engine, ActivityExecutionContext? context, ScriptLimits limits, string where)
    {
        engine.SetValue("isNullOrWhiteSpace", new Func<JsValue, bool>(v => v.IsNull() || v.IsUndefined() || string.IsNullOrWhiteSpace(v.ToString())));
        engine.SetValue("isNullOrEmpty", new Func<JsValue, bool>(v => v.IsNull() || v.IsUndefined() || string.IsNullOrEmpty(v.ToString())));
        engine.SetValue("toJson", new Func<JsValue, string>(v => ValueConverter.ToJson(JavaScriptValues.ToClr(v, limits, $"the value {where} passes to toJson"))?.ToJsonString() ?? "null"));
        engine.SetValue("newGuid", new Func<string>(() => Guid.NewGuid().ToString()));
        engine.SetValue("newGuidString", new Func<string>(() => Guid.NewGuid().ToString()));
        engine.SetValue("newShortGuid", new Func<string>(NewShortGuid));
        engine.SetValue("getShortGuid", new Func<string>(NewShortGuid));
        engine.SetValue("parseGuid", new Func<string, string>(s => Guid.Parse(s).ToString()));
        engine.SetValue("stringToBase64", new Func<string, string>(s => Convert.ToBase64String(Encoding.UTF8.GetBytes(s))));
        engine.SetValue("stringFromBase64", new Func<string, string>(s => Encoding.UTF8.GetString(Convert.FromBase64String(s))));
        if (context is null)
        {
            return;
        }

        engine.SetValue("getWorkflowInstanceId", new Func<string>(() => context.WorkflowInstanceId));
        engine.SetValue("getWorkflowDefinitionId", new Func<string>(() => context.DefinitionId));
        engine.SetValue("getWorkflowDefinitionVersionId", new Func<string>(() => context.DefinitionVersionId));
        engine.SetValue("getWorkflowDefinitionVersion", new Func<int>(() => context.DefinitionVersion));
        engine.SetValue("getCorrelationId", new Func<string?>(() => context.CorrelationId));
        engine.SetValue("setCorrelationId", new Action<string?>(v => context.CorrelationId = v));
        engine.SetValue("getVariable", new Func<string, JsValue>(name => JavaScriptValues.ToJs(engine, context.GetVariable(name))));
        engine.SetValue("setVariable", new Action<string, JsValue>((name, value) => context.SetVariable(name, JavaScriptValues.ToClr(value, limits, $"the value {where} sets to variable '{name}'"))));
        engine.SetValue("getInput", new Func<string, JsValue>(name => JavaScriptValues.ToJs(engine, context.GetInput(name))));
        engine.SetValue("getLastResult", new Func<JsValue>(() => JavaScriptValues.ToJs(engine, context.Execution.LastResult)));

        var declared = new HashSet<string>(StringComparer.Ordinal);
        var variables = new JsObject(engine);
        foreach (var variable in context.VisibleVariables())
        {
            // Elsa's `variables.X` bridge, as live accessors rather than Elsa's copy-in/copy-out.
            variables.DefineOwnProperty(variable.Name, new GetSetPropertyDescriptor(
                new ClrFunction(engine, "get", (_, _) => JavaScriptValues.ToJs(engine, variable.Value)),
                new ClrFunction(engine, "set", (_, arguments) =>
                {
                    variable.Set(JavaScriptValues.ToClr(arguments.Length > 0 ? arguments[0] : JsValue.Undefined, limits, $"the value {where} sets to variable '{variable.Name}'"));
                    return JsValue.Undefined;
                }),
                enumerable: true,
                configurable: true));

            if (!IsIdentifier(variable.Name))
            {
                continue;
            }

            var name = Pascalize(variable.Name);
            if (!declared.Add(name))
            {
                continue;
            }

            engine.SetValue("get" + name, new Func<JsValue>(() => JavaScriptValues.ToJs(engine, variable.Value)));
            engine.SetValue("set" + name, new Action<JsValue>(value => variable.Set(JavaScriptValues.ToClr(value, limits, $"the value {where} sets to variable '{variable.Name}'"))));
        }

        engine.SetValue("variables", variables);

        if (context.FindScopeContext()?.Scope is { } scope)
        {
            foreach (var input in scope.Definition.Inputs)
            {
                if (!IsIdentifier(input.Name))
                {
                    continue;
                }

                var name = Pascalize(input.Name);
                if (!declared.Add(name))
                {
                    continue;
                }

                var inputName = input.Name;
                engine.SetValue("get" + name, new Func<JsValue>(() => JavaScriptValues.ToJs(engine, scope.Inputs.GetValueOrDefault(inputName))));
            }
        }
    }

    private static string NewShortGuid() =>
        Convert.ToBase64String(Guid.NewGuid().ToByteArray()).Replace("/", "_").Replace("+", "-")[..22];

    private static string Pascalize(string name) => char.ToUpperInvariant(name[0]) + name[1..];

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
