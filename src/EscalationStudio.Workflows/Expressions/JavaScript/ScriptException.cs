namespace EscalationStudio.Workflows.Expressions.JavaScript;

/// <summary>A script failed: a syntax error, a runtime error, or a broken limit (time, memory, recursion, statements).</summary>
internal sealed class ScriptException(string message, Exception? inner = null) : Exception(message, inner);
