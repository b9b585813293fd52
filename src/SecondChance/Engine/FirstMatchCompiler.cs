using System.Linq.Expressions;

namespace SecondChance.Engine;

// Hot path: a change here must keep the quick benchmark, AllocationTests, FastCheckAgreementTests and
// CompiledVsNaiveTests green (see tests/SecondChance.Benchmarks/README.md).

/// <summary>
/// Compiles rule bodies into one delegate, <c>if (rule0) return 0; if (rule1) return 1; ... return -1;</c>:
/// one call per decision instead of one per rule (RulesEngine's own evaluation costs about 40 times a whole decision).
/// </summary>
internal static class FirstMatchCompiler
{
    /// <summary>Compiles <paramref name="bodies"/>, all written over <paramref name="parameter"/>, in order.</summary>
    public static Func<T, int> Compile<T>(IReadOnlyList<Expression> bodies, ParameterExpression parameter)
    {
        var ret = Expression.Label(typeof(int), "matched");
        var statements = new List<Expression>(bodies.Count + 1);
        for (var i = 0; i < bodies.Count; i++)
        {
            statements.Add(Expression.IfThen(bodies[i], Expression.Return(ret, Expression.Constant(i))));
        }

        statements.Add(Expression.Label(ret, Expression.Constant(-1)));
        return Expression.Lambda<Func<T, int>>(Expression.Block(statements), parameter).Compile();
    }
}
