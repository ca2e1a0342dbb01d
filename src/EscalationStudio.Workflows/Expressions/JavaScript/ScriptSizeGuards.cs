using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Native.Symbol;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace EscalationStudio.Workflows.Expressions.JavaScript;

/// <summary>
/// Keeps one statement from allocating more than the script's limits allow. Jint measures memory between statements
/// only, so a built-in that builds a string from small inputs (<c>'x'.repeat(5e8)</c>, <c>Array(1e5).fill(s).join()</c>,
/// <c>s.replaceAll('x', s)</c>, <c>JSON.stringify</c> of many references to one string) could allocate a gigabyte
/// inside one statement. These built-ins are replaced by versions that count the characters before building them and
/// stop at <see cref="ScriptLimits.MaxStringLength"/>; join and stringify, which call back into other code for every
/// element, also run the engine's time and memory checks at each one.
/// Binary buffers and extra realms are removed: policies handle text and numbers, and those allocate outside both.
/// </summary>
internal static class ScriptSizeGuards
{
    private static readonly string[] RemovedGlobals =
    [
        "ShadowRealm", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics",
        "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
        "BigInt64Array", "BigUint64Array", "Float16Array", "Float32Array", "Float64Array",
    ];

    public static void Install(Engine engine, ScriptLimits limits)
    {
        var global = engine.Global;
        // Overwritten rather than deleted: deleting makes Jint build each constructor first (8 KB per evaluation).
        var removed = new PropertyDescriptor(JsValue.Undefined, PropertyFlag.Configurable);
        foreach (var name in RemovedGlobals)
        {
            global.FastSetProperty(name, removed);
        }

        if (global.Get("Intl") is ObjectInstance intl)
        {
            intl.FastSetProperty("ListFormat", removed);
        }

        var guard = new Guard(engine, limits.MaxStringLength);
        var strings = Prototype(global, "String");
        guard.Replace(strings, "repeat", 1, guard.Repeat);
        guard.Replace(strings, "padStart", 1, (self, args) => guard.Pad(self, args, "padStart"));
        guard.Replace(strings, "padEnd", 1, (self, args) => guard.Pad(self, args, "padEnd"));
        guard.Replace(strings, "concat", 1, guard.Concat);
        guard.Replace(strings, "replace", 2, (self, args) => guard.ReplaceString(self, args, "replace"));
        guard.Replace(strings, "replaceAll", 2, (self, args) => guard.ReplaceString(self, args, "replaceAll"));
        guard.Replace(Prototype(global, "RegExp"), GlobalSymbolRegistry.Replace, "[Symbol.replace]", 2, guard.ReplaceRegExp);
        guard.Replace((ObjectInstance)global.Get("String"), "raw", 1, guard.Raw);

        var arrays = Prototype(global, "Array");
        guard.Replace(arrays, "join", 1, guard.Join);
        guard.Replace(arrays, "toLocaleString", 0, guard.ToLocaleString);
        guard.Replace((ObjectInstance)global.Get("JSON"), "stringify", 3, guard.Stringify);
        foreach (var name in new[] { "encodeURI", "encodeURIComponent", "escape" })
        {
            guard.Replace(global, name, 1, (self, args) => guard.Encode(self, args, name));
        }
    }

    private static ObjectInstance Prototype(ObjectInstance global, string constructor) =>
        (ObjectInstance)((ObjectInstance)global.Get(constructor)).Get("prototype");

    /// <summary>A built-in about to build more characters than one string may hold (not catchable by the script).</summary>
    internal sealed class StringLimitException(string builtIn, double characters, int limit)
        : Exception($"{builtIn} would build a string of {characters:N0} characters")
    {
        public int Limit { get; } = limit;
    }

    private sealed class Guard(Engine engine, int maxLength)
    {
        private readonly Dictionary<string, JsValue> _originals = new(StringComparer.Ordinal);
        private readonly HashSet<ObjectInstance> _joining = new(ReferenceEqualityComparer.Instance);

        public void Replace(ObjectInstance target, string name, int length, Func<JsValue, JsValue[], JsValue> replacement) =>
            Replace(target, name, name, length, replacement);

        public void Replace(ObjectInstance target, JsValue key, string name, int length, Func<JsValue, JsValue[], JsValue> replacement)
        {
            _originals[name] = target.Get(key);
            target.DefineOwnProperty(key, new PropertyDescriptor(new ClrFunction(engine, name, replacement, length, PropertyFlag.Configurable),
                PropertyFlag.Writable | PropertyFlag.Configurable));
        }

        public JsValue Repeat(JsValue self, JsValue[] args)
        {
            var text = Text(self);
            var count = TypeConverter.ToIntegerOrInfinity(Arg(args, 0));
            // A negative or infinite count is the original's RangeError to raise.
            if (double.IsFinite(count) && count > 0)
            {
                Check(text.Length * count, "repeat");
            }

            return Original("repeat", text, new JsNumber(count));
        }

        public JsValue Pad(JsValue self, JsValue[] args, string name)
        {
            var text = Text(self);
            var length = TypeConverter.ToLength(Arg(args, 0));
            Check(length, name);
            return Original(name, text, new JsNumber((double)length), Arg(args, 1));
        }

        public JsValue Concat(JsValue self, JsValue[] args)
        {
            var text = Text(self);
            var parts = new JsValue[args.Length];
            double total = text.Length;
            for (var i = 0; i < args.Length; i++)
            {
                var part = new JsString(TypeConverter.ToString(args[i]));
                parts[i] = part;
                total += part.Length;
                Check(total, "concat");
            }

            return Original("concat", text, parts);
        }

        /// <summary>
        /// A string pattern's matches are counted exactly; one with its own <c>Symbol.replace</c> (a regular expression)
        /// goes on to <see cref="ReplaceRegExp"/>.
        /// </summary>
        public JsValue ReplaceString(JsValue self, JsValue[] args, string name)
        {
            var search = Arg(args, 0);
            if (search is ObjectInstance pattern && pattern.Get(GlobalSymbolRegistry.Replace).IsCallable())
            {
                return Original(name, self, args);
            }

            var text = Text(self);
            var searchText = TypeConverter.ToString(search);
            if (Arg(args, 1).IsCallable())
            {
                return Original(name, text, new JsString(searchText), Counting(text, Arg(args, 1), name));
            }

            var replacement = TypeConverter.ToString(Arg(args, 1));
            var matches = name == "replace" ? (text.ToString().Contains(searchText, StringComparison.Ordinal) ? 1 : 0) : Occurrences(text.ToString(), searchText);
            Check(ReplacementShape.Of(replacement).Bound(text.Length, matches, matches * (double)searchText.Length), name);
            return Original(name, text, new JsString(searchText), new JsString(replacement));
        }

        /// <summary>
        /// A regular expression: bounded from the text's length when that settles it, otherwise by replacing first with
        /// "" and then with "_", which tells how many matches there are and how much text they cover. (Those two are
        /// cheap: Jint's expansion of <c>$</c> references allocates about a kilobyte per match.)
        /// </summary>
        public JsValue ReplaceRegExp(JsValue self, JsValue[] args)
        {
            var text = new JsString(TypeConverter.ToString(Arg(args, 0)));
            if (Arg(args, 1).IsCallable())
            {
                return Original("[Symbol.replace]", self, text, Counting(text, Arg(args, 1), "replace"));
            }

            var replacement = TypeConverter.ToString(Arg(args, 1));
            var shape = ReplacementShape.Of(replacement);
            double length = text.Length;
            var global = self is ObjectInstance regExp && TypeConverter.ToString(regExp.Get("flags")).Contains('g', StringComparison.Ordinal);
            var bound = shape.WorstBound(length, global ? length + 1 : 1);
            if (bound > maxLength && global)
            {
                double without = TypeConverter.ToString(Original("[Symbol.replace]", self, text, JsString.Empty)).Length;
                double marked = TypeConverter.ToString(Original("[Symbol.replace]", self, text, new JsString("_"))).Length;
                bound = shape.Bound(length, marked - without, length - without);
            }

            Check(bound, "replace");
            return Original("[Symbol.replace]", self, text, new JsString(replacement));
        }

        /// <summary>A replacer function, wrapped so the result's length is added up as its answers come back.</summary>
        private ClrFunction Counting(JsString text, JsValue replacer, string name)
        {
            double total = text.Length;
            return new ClrFunction(engine, "replacer", (_, match) =>
            {
                var substitute = TypeConverter.ToString(replacer.Call(JsValue.Undefined, match));
                total += substitute.Length - TypeConverter.ToString(Arg(match, 0)).Length;
                Check(total, name);
                return substitute;
            });
        }

        private static int Occurrences(string text, string search)
        {
            if (search.Length == 0)
            {
                return text.Length + 1;
            }

            var count = 0;
            for (var at = text.IndexOf(search, StringComparison.Ordinal); at >= 0; at = text.IndexOf(search, at + search.Length, StringComparison.Ordinal))
            {
                count++;
            }

            return count;
        }

        public JsValue Raw(JsValue self, JsValue[] args)
        {
            var raw = ToObject(ToObject(Arg(args, 0)).Get("raw"));
            var count = (long)TypeConverter.ToLength(raw.Get("length"));
            var built = new StringBuilder();
            for (var i = 0; i < count; i++)
            {
                Append(built, TypeConverter.ToString(raw.Get(i)), "String.raw");
                if (i + 1 < count && i + 1 < args.Length)
                {
                    Append(built, TypeConverter.ToString(args[i + 1]), "String.raw");
                }
            }

            return new JsString(built.ToString());
        }

        /// <summary>Array.prototype.join, built here so every element's text is counted before it is appended.</summary>
        public JsValue Join(JsValue self, JsValue[] args) =>
            JoinWith(self, Arg(args, 0).IsUndefined() ? "," : TypeConverter.ToString(Arg(args, 0)), element => TypeConverter.ToString(element), "join");

        public JsValue ToLocaleString(JsValue self, JsValue[] args) => JoinWith(self, ",", element =>
        {
            var method = ToObject(element).Get("toLocaleString");
            return TypeConverter.ToString(method.Call(element, Array.Empty<JsValue>()));
        }, "toLocaleString");

        private JsValue JoinWith(JsValue self, string separator, Func<JsValue, string> text, string name)
        {
            var array = ToObject(self);
            // As Jint's own join: an array met again while it is being joined (a cycle) joins as "".
            if (!_joining.Add(array))
            {
                return JsString.Empty;
            }

            try
            {
                var length = (long)TypeConverter.ToLength(array.Get("length"));
                Check(Math.Max(0, length - 1) * (double)separator.Length, name);
                var built = new StringBuilder();
                for (var i = 0; i < length; i++)
                {
                    if (i > 0)
                    {
                        Append(built, separator, name);
                    }

                    Step();
                    var element = array.Get(i);
                    if (!element.IsNull() && !element.IsUndefined())
                    {
                        Append(built, text(element), name);
                    }
                }

                return new JsString(built.ToString());
            }
            finally
            {
                _joining.Remove(array);
            }
        }

        /// <summary>
        /// JSON.stringify with a replacer that counts every value's text on its way out (after toJSON and the script's
        /// own replacer), and an array replacer turned into the same filter, so the output is counted before it is built.
        /// </summary>
        public JsValue Stringify(JsValue self, JsValue[] args)
        {
            var replacer = Arg(args, 1);
            var allowed = replacer is ObjectInstance list && list.IsArray() ? AllowedKeys(list) : null;
            var space = Arg(args, 2);
            var indent = space.IsNumber() ? Math.Clamp((int)TypeConverter.ToIntegerOrInfinity(space), 0, 10)
                : space.IsString() ? Math.Min(space.AsString().Length, 10) : 0;
            var depths = new Dictionary<ObjectInstance, int>(ReferenceEqualityComparer.Instance);
            double total = 0;
            var counting = new ClrFunction(engine, "replacer", (holder, keyAndValue) =>
            {
                Step();
                var key = Arg(keyAndValue, 0);
                var value = Arg(keyAndValue, 1);
                if (replacer.IsCallable())
                {
                    value = replacer.Call(holder, [key, value]);
                }

                var holderObject = holder as ObjectInstance;
                var depth = holderObject is not null && depths.TryGetValue(holderObject, out var d) ? d + 1 : 0;
                if (allowed is not null && value is ObjectInstance obj && !obj.IsArray() && !obj.IsCallable())
                {
                    value = Filtered(obj, allowed);
                }

                if (value is ObjectInstance container)
                {
                    depths[container] = depth;
                }

                // A property writes its quoted key and a colon and comma; an element only its comma.
                var keyLength = holderObject is null || holderObject.IsArray() ? 1 : TypeConverter.ToString(key).Length + 4;
                total += keyLength + (indent > 0 ? 1 + indent * depth : 0) + ValueLength(value);
                Check(total, "JSON.stringify");
                return value;
            }, 2);
            return Original("stringify", self, Arg(args, 0), counting, space);
        }

        public JsValue Encode(JsValue self, JsValue[] args, string name)
        {
            var text = TypeConverter.ToString(Arg(args, 0));
            // A letter or digit stays one character; other ASCII becomes at most %XX, anything else at most %XX%XX%XX.
            double length = 0;
            foreach (var c in text)
            {
                length += char.IsAsciiLetterOrDigit(c) ? 1 : c < 0x80 ? 3 : 9;
            }

            Check(length, name);
            return Original(name, self, new JsString(text));
        }

        private static double ValueLength(JsValue value) => value switch
        {
            JsString text => QuotedLength(text.ToString()),
            _ when value.IsNumber() || value.IsBoolean() || value.IsNull() => TypeConverter.ToString(value).Length,
            _ => 2,
        };

        /// <summary>The length JSON gives a string: quotes, two-character escapes, and \uXXXX for other control characters.</summary>
        private static double QuotedLength(string text)
        {
            double length = text.Length + 2;
            foreach (var c in text)
            {
                if (c is '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t')
                {
                    length += 1;
                }
                else if (c < ' ')
                {
                    length += 5;
                }
            }

            return length;
        }

        private List<string> AllowedKeys(ObjectInstance list)
        {
            var keys = new List<string>();
            var length = (long)TypeConverter.ToLength(list.Get("length"));
            for (var i = 0; i < length; i++)
            {
                var item = list.Get(i);
                if (item.IsString() || item.IsNumber())
                {
                    var key = TypeConverter.ToString(item);
                    if (!keys.Contains(key))
                    {
                        keys.Add(key);
                    }
                }
            }

            return keys;
        }

        /// <summary>The array replacer's meaning: only the listed keys, in the list's order.</summary>
        private JsObject Filtered(ObjectInstance value, List<string> keys)
        {
            var copy = new JsObject(engine);
            foreach (var key in keys)
            {
                var item = value.Get(key);
                if (!item.IsUndefined())
                {
                    copy.Set(key, item);
                }
            }

            return copy;
        }

        private void Append(StringBuilder built, string text, string name)
        {
            Check((double)built.Length + text.Length, name);
            built.Append(text);
        }

        /// <summary>Refuses a string over the limit before it is built.</summary>
        private void Check(double characters, string name)
        {
            if (characters > maxLength)
            {
                throw new StringLimitException(name, characters, maxLength);
            }
        }

        /// <summary>
        /// Runs the engine's own checks once per element of a join or value of a stringify: those call back into other
        /// code (an element's toString, a toJSON) that may be native and run no statement, so a time or memory limit
        /// reached inside the one statement is seen here rather than after it.
        /// </summary>
        private void Step() => engine.Constraints.Check();

        private JsString Text(JsValue self)
        {
            TypeConverter.RequireObjectCoercible(engine, self);
            return self as JsString ?? new JsString(TypeConverter.ToString(self));
        }

        private JsValue Original(string name, JsValue self, params JsValue[] args) => _originals[name].Call(self, args);

        private ObjectInstance ToObject(JsValue value)
        {
            TypeConverter.RequireObjectCoercible(engine, value);
            return value as ObjectInstance ?? (ObjectInstance)engine.Intrinsics.Object.Call(JsValue.Undefined, [value]);
        }

        private static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;
    }
}
