using System.Reflection;
using System.Reflection.Emit;

namespace SecondChance.Tests.Architecture;

/// <summary>
/// The namespaces (one per folder) of the library depend on each other without a loop, so each can
/// be read, changed and tested from the bottom up. Dependencies are read from the compiled assembly:
/// signatures, base types, attributes' types and every type, method and field a method body names.
/// </summary>
public class NamespaceDependencyTests
{
    private static readonly Assembly Library = typeof(PlaybookEngine).Assembly;

    [Fact]
    public void Namespaces_Library_HaveNoCycle()
    {
        var graph = NamespaceGraph(Library);

        graph.Keys.Should().Contain(["SecondChance", "SecondChance.Rules", "SecondChance.Engine", "SecondChance.Decisions"]);
        var edges = string.Join("; ", graph.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} -> {string.Join(", ", kv.Value.Order(StringComparer.Ordinal))}"));
        FindCycle(graph).Should().BeNull("a loop between namespaces means neither side can change on its own (uses: {0})", edges);
    }

    [Fact]
    public void NamespaceGraph_FacadeNamespace_DependsOnFolders()
    {
        // The reader sees method bodies, not only signatures: the facade calls into the internal engine.
        var graph = NamespaceGraph(Library);

        graph["SecondChance"].Should().Contain(["SecondChance.Engine", "SecondChance.Decisions", "SecondChance.Rules"]);
        graph["SecondChance.Engine"].Should().NotContain("SecondChance");
    }

    [Fact]
    public void FindCycle_GraphWithLoop_ReturnsLoopPath()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"],
            ["B"] = ["C"],
            ["C"] = ["A"],
            ["D"] = ["A"],
        };

        FindCycle(graph).Should().Be("A -> B -> C -> A");
    }

    [Fact]
    public void FindCycle_GraphWithoutLoop_ReturnsNull()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B", "C"],
            ["B"] = ["C"],
            ["C"] = [],
        };

        FindCycle(graph).Should().BeNull();
    }

    /// <summary>Which namespaces of <paramref name="assembly"/> each of its namespaces uses.</summary>
    private static Dictionary<string, HashSet<string>> NamespaceGraph(Assembly assembly)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var from = NamespaceOf(type);
            if (from is null)
            {
                continue;
            }

            var edges = graph.TryGetValue(from, out var set) ? set : graph[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var used in TypesUsedBy(type))
            {
                if (used.Assembly == assembly && NamespaceOf(used) is { } to && to != from)
                {
                    edges.Add(to);
                }
            }
        }

        return graph;
    }

    /// <summary>The namespace of the outermost declaring type (closures and state machines are nested types).</summary>
    private static string? NamespaceOf(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.Namespace;
    }

    private static HashSet<Type> TypesUsedBy(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || !found.Add(t))
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        Add(type.BaseType);
        foreach (var contract in type.GetInterfaces())
        {
            Add(contract);
        }

        foreach (var attribute in type.GetCustomAttributesData())
        {
            Add(attribute.AttributeType);
        }

        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(all))
        {
            Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(all))
        {
            Add(property.PropertyType);
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var member in MembersNamedInBody(method))
            {
                switch (member)
                {
                    case Type t:
                        Add(t);
                        break;
                    case FieldInfo f:
                        Add(f.DeclaringType);
                        Add(f.FieldType);
                        break;
                    case MethodBase m:
                        Add(m.DeclaringType);
                        if (m is MethodInfo mi)
                        {
                            Add(mi.ReturnType);
                            foreach (var argument in mi.IsGenericMethod ? mi.GetGenericArguments() : [])
                            {
                                Add(argument);
                            }
                        }

                        break;
                }
            }
        }

        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Walks the IL of <paramref name="method"/> and resolves every type, field and method token.</summary>
    private static IEnumerable<MemberInfo> MembersNamedInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[at++]);
            }

            var code = OpCodesByValue[value];
            switch (code.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments)!;
                    at += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    /// <summary>A loop in <paramref name="graph"/> written as "A -> B -> A", or null when there is none.</summary>
    private static string? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        string? Visit(string node)
        {
            var onPath = path.IndexOf(node);
            if (onPath >= 0)
            {
                return string.Join(" -> ", path.Skip(onPath).Append(node));
            }

            if (done.Contains(node))
            {
                return null;
            }

            path.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(node);
            return null;
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}
