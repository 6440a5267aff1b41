using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Checks.Sources;

namespace Flagkeeper.Analysis.Tests.Checks;

/// <summary>Which files count as production code for the kill-switch gate.</summary>
public class ProductionCodeTests
{
    [Theory]
    [InlineData("tests/x.cs")]
    [InlineData("test/x.py")]
    [InlineData("src/__tests__/a.ts")]
    [InlineData("src/__mocks__/a.ts")]
    [InlineData("app/spec/models/user_spec.rb")]
    [InlineData("e2e/login.ts")]
    [InlineData("pkg/testdata/x.go")]
    [InlineData("Tests/x.cs")]
    [InlineData("Shop.Tests/A.cs")]
    [InlineData("Shop.UnitTests/A.cs")]
    [InlineData("Shop.IntegrationTests/A.cs")]
    [InlineData("Shop.Specs/A.cs")]
    [InlineData("src/Shop.Test/A.cs")]
    [InlineData("a.test.ts")]
    [InlineData("src/a.spec.js")]
    [InlineData("src/A.Test.tsx")]
    [InlineData("pkg/a_test.go")]
    [InlineData("lib/a_spec.rb")]
    [InlineData("test_pricing.py")]
    [InlineData("src/Test_pricing.py")]
    [InlineData("src/CheckoutTests.cs")]
    [InlineData("src/FooTest.java")]
    [InlineData("src/FooSpec.kt")]
    [InlineData("src/FooTests.scala")]
    [InlineData("src/FooTest.groovy")]
    public void Test_code_is_recognised(string path)
    {
        Assert.True(ProductionCode.IsTest(path), path);
    }

    [Theory]
    [InlineData("src/app.ts")]
    [InlineData("src/Contest.cs")] // ends with "test" in lower case: the class-name rule is case-sensitive
    [InlineData("src/Latest.java")]
    [InlineData("src/latest.py")]
    [InlineData("testimonials/page.ts")]
    [InlineData("src/testing/helpers.ts")]
    [InlineData("src/contest/index.ts")]
    [InlineData("src/Test.cs")] // the suffix alone is not a class under test
    [InlineData("src/Tests.java")]
    [InlineData("src/CheckoutTests.ts")] // the class-name rule is for JVM/.NET files only
    [InlineData("src/pytest_plugin.py")]
    [InlineData("src/tests.py")]
    [InlineData("README.md")]
    [InlineData("")]
    public void Other_code_is_not_test_code(string path)
    {
        Assert.False(ProductionCode.IsTest(path), path);
    }

    [Fact]
    public void Without_production_globs_every_scanned_non_test_file_is_production()
    {
        var production = new ProductionCode(FlagkeeperConfig.Default, path => path.EndsWith(".ts", StringComparison.Ordinal) || path.EndsWith(".cs", StringComparison.Ordinal));

        Assert.True(production.Contains("src/app.ts"));
        Assert.True(production.Contains("lib/Contest.cs"));
        Assert.False(production.Contains("src/app.test.ts"));
        Assert.False(production.Contains("tests/app.ts"));
        Assert.False(production.Contains("docs/readme.md")); // not scanned
    }

    [Fact]
    public void Production_globs_alone_decide()
    {
        var config = FlagkeeperConfig.Default with { Production = ["src/**"] };
        var scannedCalls = 0;
        var production = new ProductionCode(config, _ =>
        {
            scannedCalls++;
            return true;
        });

        Assert.True(production.Contains("src/app.ts"));
        Assert.True(production.Contains("src/deep/er/app.test.ts")); // the globs win over the test conventions
        Assert.True(production.Contains("src/notes.md"));
        Assert.False(production.Contains("lib/app.ts"));
        Assert.False(production.Contains("tests/src/app.ts"));
        Assert.Equal(0, scannedCalls);
    }

    [Fact]
    public void A_null_config_is_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => new ProductionCode(null!, _ => true));
    }
}
