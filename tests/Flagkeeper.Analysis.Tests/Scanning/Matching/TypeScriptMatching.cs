using System.Text;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Catalog;
using Flagkeeper.Analysis.Scanning.Matching;

namespace Flagkeeper.Analysis.Tests.Scanning.Matching;

/// <summary>One worker's matcher with the default config, and TypeScript text matched through it, for the matcher's own tests.</summary>
internal static class TypeScriptMatching
{
    private static readonly Language TypeScript = LanguageCatalog.ForExtension(".ts")!;

    public static FileMatcher NewMatcher(PatternCache cache)
    {
        var (patterns, errors) = CustomPatterns.Compile(FlagkeeperConfig.Default, cache);
        Assert.Empty(errors);
        return new FileMatcher(ShapeIndex.ForConfig(FlagkeeperConfig.Default), cache, patterns);
    }

    public static RecordingSink Match(FileMatcher matcher, string content, string file = "a.ts")
    {
        var sink = new RecordingSink();
        var bytes = Encoding.UTF8.GetBytes(content);
        matcher.Match(bytes, bytes.Length, file, TypeScript, sink);
        return sink;
    }
}
