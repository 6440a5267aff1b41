namespace Flagkeeper.Documents;

/// <summary>
/// One string per short text a thread keeps meeting (YAML keys, identifiers in code): a slot per hash, the text's last
/// string kept there. A reader that makes a string per occurrence allocates most of what it reads again.
/// </summary>
internal static class SharedStrings
{
    private const int Slots = 4096;
    private const int MaxLength = 32;

    /// <summary>Slots for one thread (32 KB): reuse them from read to read.</summary>
    public static string?[] NewSlots() => new string?[Slots];

    /// <summary><paramref name="text"/> as a string, the one already in its slot when that holds the same characters.</summary>
    public static string Get(string?[] slots, ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return text.ToString();
        }
        ref var slot = ref slots[string.GetHashCode(text, StringComparison.Ordinal) & (Slots - 1)];
        if (slot is not null && text.SequenceEqual(slot))
        {
            return slot;
        }
        return slot = text.ToString();
    }
}
