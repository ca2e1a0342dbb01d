using System.Collections;
using System.Dynamic;
using Jint;
using Jint.Native;

namespace EscalationStudio.Workflows.Expressions.JavaScript;

/// <summary>
/// Copies plain data into and out of Jint. Values cross as copies, never as CLR wrappers, so a script cannot reach
/// into .NET objects and every script result is plain data that persists cleanly.
/// </summary>
internal static class JavaScriptValues
{
    public static JsValue ToJs(Engine engine, object? value)
    {
        switch (value)
        {
            case null:
                return JsValue.Null;
            case JsValue js:
                return js;
            case string text:
                return new JsString(text);
            case bool flag:
                return flag ? JsBoolean.True : JsBoolean.False;
            case System.Text.Json.Nodes.JsonNode json:
                return ToJs(engine, ValueConverter.FromJson(json));
            case IDictionary<string, object?> map:
            {
                var obj = new JsObject(engine);
                foreach (var (key, item) in map) obj.Set(key, ToJs(engine, item));
                return obj;
            }
            case IDictionary dictionary:
            {
                var obj = new JsObject(engine);
                foreach (DictionaryEntry entry in dictionary) obj.Set(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", ToJs(engine, entry.Value));
                return obj;
            }
            case IEnumerable sequence:
                return new JsArray(engine, sequence.Cast<object?>().Select(item => ToJs(engine, item)).ToArray());
            case DateTimeOffset or DateTime or Guid or TimeSpan:
                return new JsString(ValueConverter.Convert<string>(value)!);
            case IConvertible when value.GetType().IsPrimitive || value is decimal:
                return new JsNumber(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            default:
                return ToJs(engine, ValueConverter.FromJson(ValueConverter.ToJson(value)));
        }
    }

    /// <summary>Script results as plain data: ExpandoObject, object?[], double, string, bool.</summary>
    public static object? ToClr(JsValue value) => value switch
    {
        null => null,
        _ when value.IsNull() || value.IsUndefined() => null,
        JsArray array => array.Select(ToClr).ToArray(),
        JsValue when value.IsDate() => value.AsDate().ToDateTime(),
        Jint.Native.Object.ObjectInstance obj when obj is not Jint.Native.Function.Function => ToExpando(obj),
        _ => value.ToObject(),
    };

    private static ExpandoObject ToExpando(Jint.Native.Object.ObjectInstance obj)
    {
        var expando = new ExpandoObject();
        var map = (IDictionary<string, object?>)expando;
        foreach (var key in obj.GetOwnPropertyKeys(Jint.Runtime.Types.String))
        {
            var property = obj.GetOwnProperty(key);
            if (property.Enumerable) map[key.ToString()] = ToClr(obj.Get(key));
        }

        return expando;
    }
}
