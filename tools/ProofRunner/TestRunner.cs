using System.Reflection;
using Xunit;
using Xunit.Sdk;

namespace RingKernel.Proof;

/// <summary>
/// A small xunit 2 runner for machines without the .NET SDK (the CUDA and Metal proof runners): finds
/// the [Fact]/[Theory] methods (SkippableFact and SkippableTheory included) of the test classes whose
/// full name contains one of the filters, runs each with a fresh class instance (constructor fixtures and
/// IAsyncLifetime honoured), and prints one line per test case and a summary. A test skipped because the
/// device is unavailable (its skip says <paramref name="noDeviceSkip"/>) fails the proof: on the device's
/// machine nothing may skip for want of it. Other skips are reported and allowed.
/// </summary>
/// <param name="assembly">The test assembly.</param>
/// <param name="backend">Names the backend in the summary line: "cuda tests: …".</param>
/// <param name="noDeviceSkip">How the backend's tests word a skip for want of a device.</param>
/// <param name="filters">Test classes whose full name contains one of these run.</param>
/// <param name="output">Where the lines go.</param>
internal sealed class TestRunner(Assembly assembly, string backend, string noDeviceSkip, IReadOnlyList<string> filters, TextWriter output)
{
    private static readonly TimeSpan TestLimit = TimeSpan.FromMinutes(2);

    private readonly Dictionary<Type, object> _fixtures = [];

    public int Run()
    {
        int passed = 0, failed = 0, skipped = 0, noDevice = 0;
        foreach (Type type in assembly.GetTypes().Where(IsTestClass).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).Where(m => m.GetCustomAttribute<FactAttribute>() is not null).OrderBy(m => m.MetadataToken))
            {
                foreach ((string name, object?[] arguments) in Cases(type, method))
                {
                    (string outcome, string? detail) = RunCase(type, method, arguments);
                    output.WriteLine(detail is null ? $"{outcome} {name}" : $"{outcome} {name}: {detail}");
                    switch (outcome)
                    {
                        case "PASS": passed++; break;
                        case "SKIP":
                            skipped++;
                            if (detail?.Contains(noDeviceSkip, StringComparison.Ordinal) == true)
                                noDevice++;
                            break;
                        default: failed++; break;
                    }
                }
            }
        }

        output.WriteLine($"{backend} tests: {passed} passed, {failed} failed, {skipped} skipped ({noDevice} for want of a device; filter '{string.Join("' or '", filters)}')");
        foreach (object fixture in _fixtures.Values)
            (fixture as IDisposable)?.Dispose();
        return failed == 0 && noDevice == 0 && passed > 0 ? 0 : 1;
    }

    private bool IsTestClass(Type type) =>
        type is { IsClass: true, IsAbstract: false } &&
        filters.Any(filter => type.FullName!.Contains(filter, StringComparison.Ordinal)) &&
        type.GetMethods().Any(m => m.GetCustomAttribute<FactAttribute>() is not null);

    private static IEnumerable<(string Name, object?[] Arguments)> Cases(Type type, MethodInfo method)
    {
        string name = $"{type.FullName}.{method.Name}";
        if (method.GetCustomAttribute<TheoryAttribute>() is null)
        {
            yield return (name, []);
            yield break;
        }

        foreach (DataAttribute data in method.GetCustomAttributes<DataAttribute>())
        {
            foreach (object?[] row in data.GetData(method))
                yield return ($"{name}({string.Join(", ", row.Select(v => v?.ToString() ?? "null"))})", Convert(method, row));
        }
    }

    private (string Outcome, string? Detail) RunCase(Type type, MethodInfo method, object?[] arguments)
    {
        if (method.GetCustomAttribute<FactAttribute>()!.Skip is { } skip)
            return ("SKIP", skip);
        try
        {
            Task run = Task.Run(async () =>
            {
                object instance = Create(type);
                try
                {
                    if (instance is IAsyncLifetime lifetime)
                        await lifetime.InitializeAsync();
                    object? result = method.Invoke(instance, arguments);
                    if (result is Task task)
                        await task;
                    else if (result is ValueTask valueTask)
                        await valueTask;
                }
                finally
                {
                    if (instance is IAsyncLifetime lifetime)
                        await lifetime.DisposeAsync();
                    if (instance is IAsyncDisposable asyncDisposable)
                        await asyncDisposable.DisposeAsync();
                    else if (instance is IDisposable disposable)
                        disposable.Dispose();
                }
            });
            if (!run.Wait(TestLimit))
                return ("FAIL", $"did not finish within {TestLimit.TotalSeconds:0} s");
            return ("PASS", null);
        }
        catch (Exception ex)
        {
            Exception cause = Unwrap(ex);
            return cause.GetType().FullName == "Xunit.SkipException"
                ? ("SKIP", cause.Message)
                : ("FAIL", $"{cause.GetType().Name}: {cause.Message}");
        }
    }

    private object Create(Type type)
    {
        ConstructorInfo constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        object?[] parameters = [.. constructor.GetParameters().Select(p => Fixture(p.ParameterType))];
        return constructor.Invoke(parameters);
    }

    /// <summary>A class fixture (one instance per fixture type for the run), created on first use.</summary>
    private object Fixture(Type type)
    {
        lock (_fixtures)
        {
            if (!_fixtures.TryGetValue(type, out object? fixture))
            {
                fixture = Activator.CreateInstance(type) ?? throw new InvalidOperationException($"Cannot create fixture {type}.");
                _fixtures.Add(type, fixture);
            }

            return fixture;
        }
    }

    /// <summary>InlineData gives ints where a parameter is a long or an enum, as xunit converts them.</summary>
    private static object?[] Convert(MethodInfo method, object?[] row)
    {
        ParameterInfo[] parameters = method.GetParameters();
        var converted = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            object? value = i < row.Length ? row[i] : parameters[i].DefaultValue;
            Type target = Nullable.GetUnderlyingType(parameters[i].ParameterType) ?? parameters[i].ParameterType;
            converted[i] = value is null || target.IsInstanceOfType(value) ? value
                : target.IsEnum ? Enum.ToObject(target, value)
                : System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
        }

        return converted;
    }

    private static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerException: { } inner } || ex is TargetInvocationException { InnerException: { } _ })
            ex = ex.InnerException!;
        return ex;
    }
}
