namespace Flagkeeper.Analysis.Configuration;

/// <summary>
/// One entry of the <c>keySources:</c> section of flagkeeper.yaml: code that declares the set of flags, whose keys count
/// as declared like a registry's (docs/patterns.md, "Declared-key sources"). <paramref name="Name"/> is the declaration in
/// <paramref name="File"/>: a C# class of string constants or an enum, a Go map whose keys are the flags (a
/// <c>featuregate</c> map), a TypeScript union type of strings, a const object or a string enum.
/// </summary>
/// <param name="File">Root-relative, '/'-separated.</param>
/// <param name="At">Where flagkeeper.yaml names it.</param>
public sealed record KeySource(string File, string Name, Flagkeeper.Diagnostics.SourceLocation At);
