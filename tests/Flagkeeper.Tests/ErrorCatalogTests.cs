using System.Reflection;
using System.Text.RegularExpressions;
using Flagkeeper.Diagnostics;

namespace Flagkeeper.Tests;

/// <summary>The error catalog: stable, well-formed codes, and docs/errors.md generated from it.</summary>
public class ErrorCatalogTests
{
    [Fact]
    public void Codes_are_unique()
    {
        var duplicates = ErrorCodes.All.GroupBy(e => e.Code).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Codes_have_the_form_FK_and_four_digits()
    {
        Assert.All(ErrorCodes.All, e => Assert.Matches(@"^FK\d{4}$", e.Code));
    }

    [Fact]
    public void Every_code_has_a_title_and_advice()
    {
        Assert.All(ErrorCodes.All, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Title), $"{e.Code} has no title");
            Assert.False(string.IsNullOrWhiteSpace(e.Advice), $"{e.Code} has no advice");
        });
    }

    [Fact]
    public void All_lists_every_descriptor_declared_in_ErrorCodes()
    {
        var declared = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(ErrorDescriptor))
            .Select(f => (ErrorDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(declared.Select(d => d.Code).Order(StringComparer.Ordinal), ErrorCodes.All.Select(d => d.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void All_is_in_code_order()
    {
        var codes = ErrorCodes.All.Select(e => e.Code).ToList();

        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public void Code_range_matches_the_category()
    {
        var categoryOfRange = new Dictionary<char, ErrorCategory[]>
        {
            ['1'] = [ErrorCategory.Configuration],
            ['2'] = [ErrorCategory.FileRead],
            ['3'] = [ErrorCategory.Registry],
            ['4'] = [ErrorCategory.Validation],
            ['5'] = [ErrorCategory.Detection],
            ['6'] = [ErrorCategory.Pattern],
            ['7'] = [ErrorCategory.Git],
            ['8'] = [ErrorCategory.Cache],
            ['9'] = [ErrorCategory.Internal],
        };

        Assert.All(ErrorCodes.All, e => Assert.Contains(e.Category, categoryOfRange[e.Code[2]]));
    }

    [Fact]
    public void Error_prints_as_path_line_column_message_and_code()
    {
        var error = ErrorCodes.RegistryUnknownField.Create("unknown field 'x'", new SourceLocation("flags.yaml", 3, 5));

        Assert.Equal("flags.yaml:3:5: unknown field 'x' (FK3003)", error.ToString());
        Assert.Equal("flags.yaml: gone (FK2003)", ErrorCodes.FileNotFound.Create("gone", new SourceLocation("flags.yaml", 0, 0)).ToString());
        Assert.Equal("oops (FK9001)", ErrorCodes.Internal.Create("oops").ToString());
    }

    [Fact]
    public void Exception_carries_every_error_and_the_first_is_the_main_one()
    {
        var first = ErrorCodes.RegistryWrongType.Create("a");
        var second = ErrorCodes.RegistryUnknownField.Create("b");

        var ex = new FlagkeeperException([first, second]);

        Assert.Same(first, ex.Error);
        Assert.Equal([first, second], ex.Errors);
        Assert.Equal($"a (FK3004){Environment.NewLine}b (FK3003)", ex.Message);
        Assert.Throws<ArgumentException>(() => new FlagkeeperException(Array.Empty<FlagkeeperError>()));
    }

    [Fact]
    public void Errors_doc_is_generated_from_the_catalog()
    {
        var path = Path.Combine(RepositoryPaths.Docs, ErrorDocs.RelativePath);
        var expected = ErrorDocs.Render();

        if (Environment.GetEnvironmentVariable("FLAGKEEPER_UPDATE_DOCS") == "1")
        {
            // The log events section after the table is kept as it is (LogEventTests checks it).
            var kept = File.Exists(path) && File.ReadAllText(path).Split(ErrorDocs.LogEventsHeading) is [_, var events] ? ErrorDocs.LogEventsHeading + events : "";
            File.WriteAllText(path, expected + kept, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests once with FLAGKEEPER_UPDATE_DOCS=1 to create it");
        var actual = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        // The log events after the table are the CLI's, kept in step by Flagkeeper.Cli.Tests (LogEventTests).
        actual = actual.Split(ErrorDocs.LogEventsHeading)[0];
        Assert.True(expected == actual, $"{path} is out of date with ErrorCodes.cs; run the tests with FLAGKEEPER_UPDATE_DOCS=1 to regenerate it");
    }

    [Fact]
    public void Errors_doc_has_one_row_per_code_in_order()
    {
        var rows = ErrorDocs.Render().Split('\n').Where(l => l.StartsWith("| FK", StringComparison.Ordinal)).ToList();

        Assert.Equal(ErrorCodes.All.Select(e => e.Code), rows.Select(r => r[2..8]));
        // Six cells: seven unescaped '|' separators per row.
        Assert.All(rows, r => Assert.Equal(7, Regex.Count(r, @"(?<!\\)\|")));
    }
}
