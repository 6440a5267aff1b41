using Flagkeeper.Analysis.Scanning.Usages;
using static Flagkeeper.Analysis.Tests.Scanning.ScannerSpecSupport;

namespace Flagkeeper.Analysis.Tests.Scanning;

/// <summary>
/// The Kubernetes featuregate shape (<c>go-feature-gate</c>): <c>.Enabled(x)</c> counts only on a receiver named
/// like a feature gate, because call sites often import only their project's own feature package.
/// </summary>
public class GoFeatureGateShapeTests
{
    [Theory]
    [InlineData("if utilfeature.DefaultFeatureGate.Enabled(features.SidecarContainers) {", "features.SidecarContainers")]
    [InlineData("if feature.Gates.Enabled(feature.MachinePool) {", "feature.MachinePool")]
    [InlineData("on := s.featureGate.Enabled(genericfeatures.APIListChunking)", "genericfeatures.APIListChunking")]
    [InlineData("on := utilfeature.DefaultMutableFeatureGate . Enabled(key)", "key")]
    [InlineData("on := opts.FeatureGates.Enabled(name)", "name")]
    public void A_gate_receiver_makes_Enabled_a_flag_check(string code, string argument)
    {
        var usage = Single(ScanText("pkg/x.go", "package x\n\nfunc f() {\n\t" + code + "\n}\n"));

        Assert.Equal(("go-feature-gate", UsageKind.Dynamic, argument, 4), (usage.Pattern, usage.Kind, usage.Argument, usage.Line));
    }

    [Theory]
    [InlineData("if logger.Enabled(ctx, slog.LevelDebug) {")]
    [InlineData("func (f *featureGate) Enabled(key Feature) bool {")]
    [InlineData("if tracing.Enabled(span) {")]
    [InlineData("if Enabled(features.X) {")]
    [InlineData("if myGates.Enabled(features.X) {")]
    [InlineData("// utilfeature.DefaultFeatureGate.Enabled(features.X)")]
    public void Enabled_on_anything_else_is_not_a_flag_check(string code)
    {
        var result = ScanText("pkg/x.go", "package x\n\nfunc f() {\n\t" + code + "\n}\n");

        Assert.True(result.Usages.Count == 0, Describe(result));
    }

    [Fact]
    public void The_shape_is_go_only()
    {
        var result = ScanText("src/x.ts", "if (feature.Gates.Enabled(flag)) {}\n");

        Assert.True(result.Usages.Count == 0, Describe(result));
    }
}
