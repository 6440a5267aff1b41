using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Flagkeeper.Analysis.Languages;
using Flagkeeper.Analysis.Scanning.Catalog;

namespace Flagkeeper.Analysis.Scanning.Matching;

/// <summary>
/// Shape dispatch for the prefilter's candidates: tries each shape of the trigger word (language family,
/// then the SDK import for generic names), runs its regex on a small window of text from that position, and
/// takes the key(s) from where the shape says they are: an argument, an identifier, an env variable's name,
/// a tag attribute. One instance per worker thread; <see cref="Begin"/> once per file.
/// </summary>
internal sealed class ShapeMatcher(ShapeIndex index, PatternCache cache)
{
    private static readonly string[] NotFlagArguments = ["LogLevel.", "EventLevel."];

    // Enough text before a trigger for lookbehinds and a declaration's modifiers, and after it for the call.
    private const int WindowBefore = 128;
    private const int WindowAfter = 768;

    private FileText _file = new();
    private UsageReporter _report = new();
    private Language _language = LanguageCatalog.All[0];
    private readonly Dictionary<string, bool> _importedSdks = new(StringComparer.Ordinal); // this file's answers so far

    // The regex input: a window of the file as a string; index i is file offset i + _textBase.
    private string? _text;

    // A window of the usual length is written into this one string, which never leaves this matcher: a new string per
    // window (or, for a file with many candidates, one of the whole file) was the scan's largest allocation, half of a
    // dense tree's 557 MB. The regex reads only the text it is given, and every key is taken as an offset into the
    // file before the next window is written. (Windows for every file also make a call's result independent of how
    // many other calls its file holds: the whole file used to be the input when they were many.)
    private readonly List<(int Start, int End)> _arguments = [];
    private readonly List<(int Start, int End)> _rawArguments = [];
    private readonly string _windowBuffer = new('\0', WindowBefore + WindowAfter);
    private int _textBase;

    public void Begin(FileText file, Language language, UsageReporter report)
    {
        _file = file;
        _language = language;
        _report = report;
        _importedSdks.Clear();
        _text = null;
        _textBase = 0;
    }

    public void Match(Candidate candidate)
    {
        var (start, end, shapes, prefix) = candidate;
        if (shapes is null)
        {
            // An identifier with an env prefix or KILL_SWITCH_: try the env shapes, then the kill switch.
            foreach (var shape in index.EnvShapes)
            {
                if (TryShape(shape, start, end))
                {
                    return;
                }
            }
            foreach (var shape in index.KillSwitchShapes)
            {
                if (prefix is not null && shape.Names.Contains(prefix) && TryShape(shape, start, end))
                {
                    return;
                }
            }
            return;
        }
        foreach (var shape in shapes)
        {
            if (TryShape(shape, start, end))
            {
                return;
            }
        }
    }

    private bool TryShape(CallShape shape, int start, int end)
    {
        if ((shape.Languages & _language.Family) == 0)
        {
            return false;
        }
        if (shape.Sdk is { } sdk && !index.Sdks.Contains(sdk) && !FileImports(sdk))
        {
            return false;
        }
        var pattern = index.Patterns[shape.Id];
        EnsureWindow(start);
        var from = (ShapeIndex.MatchesAfterName(shape) ? end : start) - _textBase;
        var before = _report.Count;
        if (ReferenceEquals(pattern, ShapeIndex.CallArgumentsPattern) && TakesArguments(shape))
        {
            // The shared call pattern, read without a regex match (the most frequent match of a scan).
            if (!CallArgumentReader.TryRead(_text!, from, _rawArguments, out var close))
            {
                return false;
            }
            AddArgumentKeys(shape, close, start - _textBase);
            return true;
        }
        var match = cache.GetOrAdd(pattern, ShapeIndex.PatternOptions).Match(_text!, from);
        if (!match.Success)
        {
            return false;
        }
        switch (shape.Position)
        {
            case KeyPosition.EnvironmentVariable:
            {
                var name = match.Groups["name"];
                var envPrefix = index.EnvPrefixOf(name.ValueSpan);
                if (envPrefix is null)
                {
                    return false;
                }
                _report.Literal(shape.Id, _textBase + name.Index + envPrefix.Length, name.Length - envPrefix.Length);
                break;
            }
            case KeyPosition.Identifier:
            {
                var name = match.Groups["name"];
                _report.Literal(shape.Id, _textBase + name.Index, name.Length);
                break;
            }
            case KeyPosition.TagAttribute:
                AddTagKeys(shape.Id, match);
                break;
            default:
            {
                var captures = match.Groups["a"].Captures;
                _rawArguments.Clear();
                for (var i = 0; i < captures.Count; i++)
                {
                    _rawArguments.Add((captures[i].Index, captures[i].Index + captures[i].Length));
                }
                var close = match.Groups["close"];
                AddArgumentKeys(shape, close.Success ? close.Index : -1, start - _textBase);
                break;
            }
        }
        // A call shape whose regex matched settles the trigger even when it yields nothing (a
        // declaration, a LogLevel argument): another shape of the same name must not report it.
        return _report.Count > before || TakesArguments(shape);
    }

    private static bool TakesArguments(CallShape shape) =>
        shape.Position is KeyPosition.FirstArgument or KeyPosition.SecondArgument or KeyPosition.SecondOrFirstArgument or KeyPosition.EveryStringArgument;

    /// <param name="close">Window offset of the ')' that ends the arguments, or -1.</param>
    /// <param name="nameStart">Window offset of the called name, for telling declarations from calls.</param>
    private void AddArgumentKeys(CallShape shape, int close, int nameStart)
    {
        var args = _arguments;
        Arguments.Read(_text!, _rawArguments, _language, args);
        switch (shape.Position)
        {
            case KeyPosition.EveryStringArgument:
                foreach (var (s, e) in args)
                {
                    if (!_text.AsSpan(s, e - s).StartsWith("RequirementType.", StringComparison.Ordinal))
                    {
                        AddArgument(shape, close, nameStart, s, e);
                    }
                }
                return;
            case KeyPosition.SecondOrFirstArgument:
                if (args.Count >= 2 && LiteralKey(args[1].Start, args[1].End) is { } second)
                {
                    _report.Literal(shape.Id, _textBase + second.Start, second.Length);
                }
                else if (args.Count >= 1 && LiteralKey(args[0].Start, args[0].End) is { } first)
                {
                    _report.Literal(shape.Id, _textBase + first.Start, first.Length);
                }
                else if (args.Count >= 1)
                {
                    var (s, e) = args[args.Count >= 2 ? 1 : 0];
                    AddArgument(shape, close, nameStart, s, e);
                }
                return;
            default:
            {
                var position = shape.Position == KeyPosition.SecondArgument ? 1 : 0;
                if (args.Count > position)
                {
                    AddArgument(shape, close, nameStart, args[position].Start, args[position].End);
                }
                return;
            }
        }
    }

    /// <summary>A literal argument becomes a usage; anything else a dynamic usage, unless this is a declaration.</summary>
    private void AddArgument(CallShape shape, int close, int nameStart, int start, int end)
    {
        if (start >= end)
        {
            return;
        }
        if (LiteralKey(start, end) is { } key)
        {
            _report.Literal(shape.Id, _textBase + key.Start, key.Length);
            return;
        }
        var argument = _text!.AsSpan(start, end - start);
        foreach (var notFlag in NotFlagArguments)
        {
            if (argument.StartsWith(notFlag, StringComparison.Ordinal))
            {
                return;
            }
        }
        if (ReceiverIsLogger(nameStart))
        {
            return;
        }
        if (Declarations.IsDeclaration(_text!, nameStart, close >= 0 ? close + 1 : -1, argument, _language))
        {
            return;
        }
        _report.Dynamic(shape.Id, _textBase + start, end - start);
    }

    /// <summary>
    /// <c>logger.IsEnabled(level)</c>, <c>_logger?.IsEnabled(l)</c>, <c>bool ILogger.IsEnabled(LogLevel l)</c>: a name
    /// ending in "logger" (or "log") right before the called name is a logging API, never a flag client.
    /// </summary>
    private bool ReceiverIsLogger(int nameStart)
    {
        var end = nameStart;
        if (end > 0 && _text![end - 1] == '.')
        {
            end--;
        }
        else
        {
            return false;
        }
        if (end > 0 && _text![end - 1] == '?')
        {
            end--;
        }
        var start = end;
        while (start > 0 && (char.IsLetterOrDigit(_text![start - 1]) || _text[start - 1] == '_'))
        {
            start--;
        }
        var receiver = _text.AsSpan(start, end - start).TrimStart('_');
        return receiver.EndsWith("logger", StringComparison.OrdinalIgnoreCase) || receiver.Equals("log", StringComparison.OrdinalIgnoreCase);
    }

    private void AddTagKeys(string patternId, Match match)
    {
        var value = match.Groups["v"];
        if (value.Success)
        {
            if (value.Value.Contains('@', StringComparison.Ordinal) || value.Value.Contains('{', StringComparison.Ordinal) || value.Value.Contains("${", StringComparison.Ordinal))
            {
                _report.Dynamic(patternId, _textBase + value.Index, value.Length);
                return;
            }
            var offset = value.Index;
            foreach (var part in value.Value.Split(','))
            {
                var (s, e) = Arguments.Trim(_text!, offset, offset + part.Length);
                if (e > s)
                {
                    _report.Literal(patternId, _textBase + s, e - s);
                }
                offset += part.Length + 1;
            }
            return;
        }
        var dynamic = match.Groups["d"];
        if (dynamic.Success)
        {
            _report.Dynamic(patternId, _textBase + dynamic.Index, dynamic.Length);
        }
    }

    private (int Start, int Length)? LiteralKey(int start, int end) => StringLiterals.Key(_text!, start, end, _language);

    /// <summary>
    /// Makes <see cref="_text"/> a window that holds <paramref name="start"/> with room before and after it (or the
    /// file's start or end). A window near either end is moved inward rather than cut short, so every window of a file
    /// longer than one is exactly the matcher's own buffer's length and is written into it: a cut window was a new
    /// string, one or two a file (about a fifth of what a dense scan allocated while matching).
    /// </summary>
    private void EnsureWindow(int start)
    {
        var length = _file.Length;
        if (_text is not null && (start - _textBase >= WindowBefore || _textBase == 0)
            && (start + (WindowAfter / 2) <= _textBase + _text.Length || _textBase + _text.Length == length))
        {
            return;
        }
        var size = _windowBuffer.Length;
        if (length <= size)
        {
            _text = _file.Slice(0, length); // the whole file, once
            _textBase = 0;
            return;
        }
        var from = Math.Clamp(start - WindowBefore, 0, length - size);
        _text = Rewrite(_windowBuffer, _file.Chars.Slice(from, size));
        _textBase = from;
    }

    /// <summary>Writes <paramref name="chars"/> over the whole of <paramref name="buffer"/>, a string of exactly their length that only this matcher holds.</summary>
    private static string Rewrite(string buffer, ReadOnlySpan<char> chars)
    {
        chars.CopyTo(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(buffer.AsSpan()), buffer.Length));
        return buffer;
    }

    private bool FileImports(string sdk)
    {
        if (!_importedSdks.TryGetValue(sdk, out var imported))
        {
            _importedSdks[sdk] = imported = SdkImports.Imports(_file.Chars, _language, sdk);
        }
        return imported;
    }
}
