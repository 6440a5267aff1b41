namespace Flagkeeper.Documents;

/// <summary>
/// Where a value sits, in words, for error messages ("flag 'x': environment 'y'"). Kept as its parts and joined
/// only when a message needs it: a 10,000-flag registry names 30,000 places and reports errors about none.
/// </summary>
internal readonly struct Place
{
    private readonly string? _a;
    private readonly string? _b;
    private readonly string? _c;
    private readonly string? _d;
    private readonly string? _e;

    public Place(string a, string? b = null, string? c = null, string? d = null, string? e = null) =>
        (_a, _b, _c, _d, _e) = (a, b, c, d, e);

    public static implicit operator Place(string text) => new(text);

    public override string ToString() => string.Concat(_a, _b, _c, _d, _e);
}
