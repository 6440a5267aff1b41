using System.Globalization;
using System.Reflection;

namespace Flagkeeper.TestUtils;

/// <summary>
/// Finds theory rows that xUnit would skip as duplicates ("Skipping test case with duplicate ID"): two rows of
/// one theory with equal arguments. Reads the data attributes by reflection (InlineData, MemberData, ...), so
/// it needs no xUnit reference.
/// </summary>
public static class TheoryRows
{
    /// <summary>"Class.Method(args)" for each duplicated row in the assembly's theories.</summary>
    public static List<string> Duplicates(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var duplicates = new List<string>();
        foreach (var method in assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var attribute in method.GetCustomAttributes().Where(IsDataAttribute))
            {
                var getData = attribute.GetType().GetMethod("GetData", [typeof(MethodInfo)])!;
                foreach (var row in (IEnumerable<object?[]?>)getData.Invoke(attribute, [method])!)
                {
                    var key = string.Join(", ", (row ?? [null]).Select(Format)); // [InlineData(null)] gives a null row
                    if (!seen.Add(key))
                    {
                        duplicates.Add($"{method.DeclaringType!.Name}.{method.Name}({key})");
                    }
                }
            }
        }
        return duplicates;
    }

    private static bool IsDataAttribute(Attribute attribute)
    {
        for (var type = attribute.GetType(); type is not null; type = type.BaseType)
        {
            if (type.FullName == "Xunit.Sdk.DataAttribute")
            {
                return true;
            }
        }
        return false;
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        string text => "\"" + text + "\"",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
