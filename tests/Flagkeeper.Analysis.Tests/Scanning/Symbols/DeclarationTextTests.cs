using Flagkeeper.Analysis.Scanning.Symbols;

namespace Flagkeeper.Analysis.Tests.Scanning.Symbols;

/// <summary>The raw-text test that spares tokenizing a script file whose key argument cannot be a constant there.</summary>
public class DeclarationTextTests
{
    [Theory]
    [InlineData("const KEY = 'a'; isEnabled(KEY);")]
    [InlineData("export  let\n KEY = 'a';")]
    [InlineData("var KEY = 'a'")]
    [InlineData("export enum KEY { A = 'a' }")]
    [InlineData("import KEY from './flags';")]
    [InlineData("import { fromDate, KEY } from './flags'")]
    [InlineData("import {\n  A,\n  B as KEY,\n} from './flags';")]
    [InlineData("import * as KEY from './flags'")]
    [InlineData("import type { KEY } from './flags'")]
    public void A_declaration_or_an_import_of_the_name_may_bind_it(string text) =>
        Assert.True(DeclarationText.MayBind(text, "KEY"));

    [Theory]
    [InlineData("function f(KEY) { isEnabled(KEY); }")]
    [InlineData("const KEYS = 'a'; isEnabled(KEY);")]
    [InlineData("const MY_KEY = 'a'; isEnabled(KEY);")]
    [InlineData("import a from './a';\nisEnabled(KEY); // from here")]
    [InlineData("import { a } from './a'; const x = KEY;")]
    [InlineData("isEnabled(KEY);")]
    [InlineData("")]
    public void A_parameter_or_a_longer_name_does_not(string text) =>
        Assert.False(DeclarationText.MayBind(text, "KEY"));
}
