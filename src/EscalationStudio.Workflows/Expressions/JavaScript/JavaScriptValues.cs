using System.Collections;
using System.Dynamic;
using Jint;
using Jint.Native;
using Jint.Native.Object;

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
                    foreach (var (key, item) in map)
                    {
                        obj.Set(key, ToJs(engine, item));
                    }

                    return obj;
                }
            case IDictionary dictionary:
                {
                    var obj = new JsObject(engine);
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        obj.Set(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", ToJs(engine, entry.Value));
                    }

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

    /// <summary>
    /// A script value as plain data: ExpandoObject, object?[], double, string, bool. The copy is bounded: a value that
    /// refers back to itself, nests deeper than <see cref="ScriptLimits.MaxValueDepth"/> or holds more than
    /// <see cref="ScriptLimits.MaxValueItems"/> values fails with a <see cref="ScriptException"/> naming
    /// <paramref name="subject"/> and where in the value it went wrong, instead of overflowing the host's stack.
    /// </summary>
    /// <param name="subject">What is being copied, for the message: "the result of the JavaScript in activity 'js'".</param>
    public static object? ToClr(JsValue value, ScriptLimits limits, string subject) => new BoundedCopy(limits, subject).Copy(value);

    private sealed class BoundedCopy(ScriptLimits limits, string subject)
    {
        // The objects being copied, outermost first: meeting one of them again is a cycle. A value reached twice by
        // different routes (a DAG) is copied twice, which the item count bounds.
        private readonly List<ObjectInstance> _open = [];
        private readonly List<string> _path = ["value"];
        private int _items;

        public object? Copy(JsValue value)
        {
            if (++_items > limits.MaxValueItems)
            {
                throw Refused($"it holds more than {limits.MaxValueItems:N0} values");
            }

            if (value is null || value.IsNull() || value.IsUndefined())
            {
                return null;
            }

            if (value.IsDate())
            {
                return value.AsDate().ToDateTime();
            }

            if (value is not ObjectInstance obj || value is Jint.Native.Function.Function)
            {
                return value.ToObject();
            }

            var seenAt = _open.FindIndex(open => ReferenceEquals(open, obj));
            if (seenAt >= 0)
            {
                throw Refused($"it refers back to itself ({string.Concat(_path)} is {string.Concat(_path.Take(seenAt + 1))})");
            }

            if (_open.Count >= limits.MaxValueDepth)
            {
                throw Refused($"it nests objects and arrays more than {limits.MaxValueDepth} levels deep ({ShortPath()})");
            }

            _open.Add(obj);
            try
            {
                return obj is JsArray array ? CopyArray(array) : CopyObject(obj);
            }
            finally
            {
                _open.RemoveAt(_open.Count - 1);
            }
        }

        private object?[] CopyArray(JsArray array)
        {
            // A sparse array's length is not what it holds: refuse before allocating the copy.
            if (array.Length > limits.MaxValueItems)
            {
                throw Refused($"it holds more than {limits.MaxValueItems:N0} values (an array of {array.Length:N0})");
            }

            var copy = new object?[array.Length];
            for (var i = 0; i < copy.Length; i++)
            {
                _path.Add($"[{i}]");
                copy[i] = Copy(array[i]);
                _path.RemoveAt(_path.Count - 1);
            }

            return copy;
        }

        private ExpandoObject CopyObject(ObjectInstance obj)
        {
            var expando = new ExpandoObject();
            var map = (IDictionary<string, object?>)expando;
            foreach (var key in obj.GetOwnPropertyKeys(Jint.Runtime.Types.String))
            {
                if (!obj.GetOwnProperty(key).Enumerable)
                {
                    continue;
                }

                var name = key.ToString();
                _path.Add(IsIdentifier(name) ? "." + name : $"['{name}']");
                map[name] = Copy(obj.Get(key));
                _path.RemoveAt(_path.Count - 1);
            }

            return expando;
        }

        private string ShortPath() => _path.Count <= 8 ? string.Concat(_path) : string.Concat(_path.Take(8)) + "…";

        private ScriptException Refused(string reason) =>
            new($"{char.ToUpperInvariant(subject[0])}{subject[1..]} cannot be kept: {reason}.");

        private static bool IsIdentifier(string name) =>
            name.Length is > 0 and <= 64 && (char.IsLetter(name[0]) || name[0] is '_' or '$') && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');
    }
}
