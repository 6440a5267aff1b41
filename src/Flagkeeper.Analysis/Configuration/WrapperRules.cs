using System.IO.Enumeration;

namespace Flagkeeper.Analysis.Configuration;

/// <summary>
/// The <c>wrappers:</c> section of flagkeeper.yaml: name patterns (<c>*</c>, <c>?</c>) of methods taken as wrappers whatever
/// their body's shape (they still need exactly one key), and names never taken.
/// </summary>
public sealed record WrapperRules(IReadOnlyList<string> Include, IReadOnlyList<string> Exclude)
{
    public static WrapperRules None { get; } = new([], []);

    public bool IsIncluded(string name) => Matches(Include, name);

    public bool IsExcluded(string name) => Matches(Exclude, name);

    private static bool Matches(IReadOnlyList<string> patterns, string name)
    {
        foreach (var pattern in patterns)
        {
            if (FileSystemName.MatchesSimpleExpression(pattern, name, ignoreCase: false))
            {
                return true;
            }
        }
        return false;
    }
}
