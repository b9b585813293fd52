using System.Linq.Expressions;
using System.Reflection;

namespace SecondChance.Rules;

/// <summary>
/// Checks a parsed rule expression tree against a small allowlist: members of <see cref="CaseFacts"/>,
/// literals, arithmetic, comparison and boolean operators, conditionals, and a few string and math
/// helpers. Works on the tree that RulesEngine's parser produced, so no spelling of a call can slip past it.
/// </summary>
internal static class ExpressionSandbox
{
    internal const int MaxDepth = 20;

    private static readonly HashSet<Type> LiteralTypes =
    [
        typeof(bool), typeof(int), typeof(long), typeof(double), typeof(decimal), typeof(float), typeof(string), typeof(char),
        typeof(bool?), typeof(int?), typeof(long?), typeof(double?), typeof(decimal?), typeof(float?), typeof(object),
    ];

    private static readonly HashSet<string> StringMethods =
    [
        nameof(string.StartsWith), nameof(string.EndsWith), nameof(string.Contains), nameof(string.Equals),
        nameof(string.IsNullOrEmpty), nameof(string.Compare), nameof(string.CompareOrdinal), nameof(string.Concat),
        nameof(string.ToUpperInvariant), nameof(string.ToLowerInvariant), nameof(string.ToUpper), nameof(string.ToLower),
        nameof(string.Trim),
    ];

    private static readonly HashSet<string> MathMethods = [nameof(Math.Min), nameof(Math.Max), nameof(Math.Abs)];

    /// <summary>Gets the helpers an expression may call, for documentation and error messages.</summary>
    internal static string AllowedHelpers =>
        "string: " + string.Join(", ", StringMethods.Order()) + "; Math: " + string.Join(", ", MathMethods.Order());

    /// <summary>
    /// Checks the nesting of an expression's text before it is parsed: brackets of any kind, and runs of
    /// prefix operators, outside string and character literals. The parser recurses once per level (a
    /// few frames each), so a deeply nested text would exhaust a small thread stack, which no code can
    /// catch, long before the tree could be checked. Returns the reason it is refused, or null.
    /// </summary>
    internal static string? CheckNesting(string expression)
    {
        var depth = 0;
        var prefixRun = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            switch (c)
            {
                case '"' or '\'':
                    i = EndOfLiteral(expression, i);
                    prefixRun = 0;
                    continue;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}':
                    depth--;
                    prefixRun = 0;
                    continue;
                case '!' or '-' or '+' or '~':
                    prefixRun++;
                    break;
                case ' ' or '\t' or '\r' or '\n':
                    continue;
                default:
                    prefixRun = 0;
                    continue;
            }

            if (depth + prefixRun > MaxDepth)
            {
                return $"the expression nests deeper than {MaxDepth} levels (brackets and prefix operators, at character {i + 1})";
            }
        }

        return null;
    }

    // The index of a literal's closing quote (or the last character), skipping backslash escapes.
    private static int EndOfLiteral(string text, int open)
    {
        var quote = text[open];
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return text.Length - 1;
    }

    /// <summary>Returns the first reason the tree is refused, or null; collects the facts read.</summary>
    internal static string? Check(Expression body, ParameterExpression facts, ISet<string> factsRead)
    {
        var visitor = new Visitor(facts, factsRead);
        visitor.Visit(body);
        return visitor.Refusal;
    }

    private sealed class Visitor(ParameterExpression facts, ISet<string> factsRead) : ExpressionVisitor
    {
        private int _depth;

        public string? Refusal { get; private set; }

        public override Expression? Visit(Expression? node)
        {
            if (node is null || Refusal is not null)
            {
                return node;
            }

            _depth++;
            try
            {
                if (_depth > MaxDepth)
                {
                    Refusal = $"the expression nests deeper than {MaxDepth} levels";
                    return node;
                }

                // Children first, so the refusal names the innermost offending call or member.
                var visited = base.Visit(node);
                if (Refusal is null && Judge(node) is { } reason)
                {
                    Refusal = reason;
                }

                return visited;
            }
            finally
            {
                _depth--;
            }
        }

        private string? Judge(Expression node)
        {
            switch (node)
            {
                case ParameterExpression p:
                    return p == facts ? null : $"'{p.Name}' is not 'facts'";
                case ConstantExpression c:
                    return c.Value is null || LiteralTypes.Contains(c.Type) ? null : $"a literal of type {c.Type.Name} is not allowed";
                case MemberExpression m:
                    return JudgeMember(m);
                case UnaryExpression u:
                    return u.NodeType switch
                    {
                        ExpressionType.Not or ExpressionType.Negate or ExpressionType.UnaryPlus => u.Method is null ? null : Refuse(u.Method),
                        ExpressionType.Convert or ExpressionType.ConvertChecked =>
                            IsPlain(u.Type) && IsPlain(u.Operand.Type) && (u.Method is null || u.Method.DeclaringType == typeof(decimal))
                                ? null
                                : $"converting {u.Operand.Type.Name} to {u.Type.Name} is not allowed",
                        _ => $"the operator '{u.NodeType}' is not allowed",
                    };
                case BinaryExpression b:
                    if (b.NodeType is ExpressionType.ArrayIndex or ExpressionType.Assign || b.NodeType.ToString().EndsWith("Assign", StringComparison.Ordinal))
                    {
                        return $"the operator '{b.NodeType}' is not allowed";
                    }

                    return b.Method is null || b.Method.DeclaringType == typeof(string) || b.Method.DeclaringType == typeof(decimal)
                        ? null
                        : Refuse(b.Method);
                case ConditionalExpression:
                    return null;
                case MethodCallExpression call:
                    return JudgeCall(call.Method);
                case NewExpression or NewArrayExpression or MemberInitExpression or ListInitExpression:
                    return "creating objects is not allowed";
                case TypeBinaryExpression:
                    return "type tests are not allowed";
                case LambdaExpression:
                    return "nested lambdas are not allowed";
                default:
                    return $"'{node.NodeType}' expressions are not allowed";
            }
        }

        private string? JudgeMember(MemberExpression m)
        {
            if (m.Expression == facts && m.Member is PropertyInfo { GetMethod.IsPublic: true } && m.Member.DeclaringType == typeof(CaseFacts))
            {
                factsRead.Add(m.Member.Name);
                return null;
            }

            if (m.Expression is not null && m.Member.DeclaringType == typeof(string) && m.Member.Name == nameof(string.Length))
            {
                return null;
            }

            if (m.Expression is not null && Nullable.GetUnderlyingType(m.Expression.Type) is not null
                && m.Member.Name is "HasValue" or "Value")
            {
                return null;
            }

            return m.Expression is null
                ? $"the static member '{m.Member.DeclaringType?.Name}.{m.Member.Name}' is not allowed"
                : $"the member '{m.Member.DeclaringType?.Name}.{m.Member.Name}' is not allowed; only members of facts can be read";
        }

        private static string? JudgeCall(MethodInfo method)
        {
            if (method.DeclaringType == typeof(string) && StringMethods.Contains(method.Name)
                && method.GetParameters().All(p => p.ParameterType == typeof(string) || p.ParameterType == typeof(StringComparison)))
            {
                return null;
            }

            if (method.DeclaringType == typeof(Math) && MathMethods.Contains(method.Name))
            {
                return null;
            }

            return Refuse(method);
        }

        private static string Refuse(MethodInfo method) =>
            $"calling '{method.DeclaringType?.Name}.{method.Name}' is not allowed (allowed helpers: {AllowedHelpers})";

        private static bool IsPlain(Type type)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            return t.IsPrimitive || t == typeof(decimal) || t == typeof(string) || t == typeof(object);
        }
    }
}
