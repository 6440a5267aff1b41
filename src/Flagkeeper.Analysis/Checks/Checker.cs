using Flagkeeper.Analysis.Discovery;
using Flagkeeper.Analysis.Checks.Gates;
using Flagkeeper.Analysis.Configuration;
using Flagkeeper.Analysis.Git;
using Flagkeeper.Analysis.Performance;
using Flagkeeper.Analysis.Scanning;
using Flagkeeper.Analysis.Scanning.KeySources;
using Flagkeeper.Analysis.Scanning.Matching;
using Flagkeeper.Diagnostics;
using Flagkeeper.Registry;
using Flagkeeper.Analysis.Checks.Sources;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Analysis.Checks;

/// <summary>
/// Runs <c>flagkeeper check</c>: loads the configuration, scans the root, runs the gates that were asked
/// for, then drops findings silenced by <c>flagkeeper-ignore</c> comments and those the baseline accepts.
/// Bad input never throws past here: it ends up in <see cref="CheckReport.Errors"/>.
/// </summary>
public sealed class Checker(PerformanceMonitor monitor, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public CheckReport Run(string root, CheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = _time.GetTimestamp();
        var setup = WorkspaceSetup.Load(root, monitor);
        if (setup.Failed)
        {
            return new CheckReport(setup.Root, [], setup.Errors, [], new CheckStatistics { Duration = _time.GetElapsedTime(started) });
        }
        if (options.Range is { } range && GitRange.Parse(range) is { Failed: true } malformed)
        {
            return new CheckReport(setup.Root, [], malformed.Errors, [], new CheckStatistics { Duration = _time.GetElapsedTime(started) });
        }
        var (full, config) = (setup.Root, setup.Config);
        var gates = GateIds.All.Where(g => options.Gates.Count > 0 ? options.Gates.Contains(g) : config.Gates.Contains(g)).ToList();
        var errors = new List<FlagkeeperError>();
        var notices = new List<string>();
        var results = new Dictionary<string, GateResult>(StringComparer.Ordinal);

        using var patternCache = new PatternCache(time: _time);
        var scanner = new Scanner(config, patternCache, monitor, _time);
        ScanResult? scan = null;
        Workspace workspace;
        if (gates.Contains(GateIds.FlagLint))
        {
            var registryFiles = new RegistryFileCollector(config.AppSettings);
            scan = scanner.Scan(full, new ScanOptions
            {
                UseCache = options.UseScanCache, AlsoCollect = registryFiles, Budget = options.Budget, Progress = options.Progress, BeforeCacheLoad = options.BeforeCacheLoad,
            });
            errors.AddRange(scan.Errors);
            workspace = setup.WithRegistries(registryFiles.Files, monitor);
        }
        else
        {
            workspace = setup.Discover(monitor);
        }
        var (registries, resolver) = (workspace.Registries, workspace.Resolver);
        errors.AddRange(workspace.Errors);

        if (scan is not null)
        {
            var declared = KeySourceReader.Read(full, config.KeySources, config.MaxFileSize);
            errors.AddRange(declared.Errors);
            var flagLint = new FlagLintGate(config, registries, resolver, options.Today, declared);
            var findings = monitor.Measure("gate.flag-lint", () => flagLint.Run(scan));
            // A registry that did not load hides its flags and their rules: the gate cannot say it passed.
            var unloaded = registries.Errors.Where(e => e.Severity >= ErrorSeverity.High).Select(e => e.Location?.File).Distinct().Count();
            results[GateIds.FlagLint] = new GateResult(GateIds.FlagLint, findings)
            {
                IncompleteReason = scan.IncompleteReason ?? (unloaded == 0 ? null : $"{unloaded} registry file(s) did not load, so their flags were not judged"),
            };
            if (registries.NoRegistryNotice is { } noRegistry && !findings.Any(f => f.Rule == RuleCatalog.NothingRecognised.Id))
            {
                notices.Add(noRegistry);
            }
            notices.AddRange(registries.Skipped);
            notices.AddRange(flagLint.UnjudgedScopes.Select(scope =>
                $"unregistered-flag was not judged under {(scope.Length == 0 ? "the root" : scope + "/")}: its registry did not load"));
        }

        var suppressed = 0;
        IReadOnlyList<CheckedCommit> checkedCommits = [];
        var prefix = "";
        var gitGates = gates.Where(GateIds.NeedsGit).ToList();
        if (gitGates.Count > 0 && options.Budget is { Expired: true } budget)
        {
            // Out of time before git was asked: the gates say why they did not judge, the error says the run is partial.
            foreach (var gate in gitGates)
            {
                results[gate] = new GateResult(gate, []) { IncompleteReason = budget.Reason("before this gate began") };
            }
            if (!errors.Exists(e => e.Descriptor == ErrorCodes.TimedOut))
            {
                errors.Add(budget.Error($"before the gates {string.Join(", ", gitGates)} began"));
            }
            prefix = RepositoryPrefix(full);
        }
        else if (gitGates.Count > 0)
        {
            var git = RunGitGates(full, config, options, gitGates, scanner, resolver, errors, notices);
            foreach (var result in git.Results)
            {
                results[result.Id] = result;
            }
            suppressed += git.Suppressed;
            checkedCommits = git.Commits;
            prefix = git.Prefix;
        }
        else
        {
            prefix = RepositoryPrefix(full); // SARIF and GitHub paths are repository-relative whichever gates ran
        }

        var lines = new SourceLines(full);
        var ordered = new List<GateResult>();
        using (monitor.Start("check.suppress-and-fingerprint"))
        {
            foreach (var gate in gates)
            {
                var result = results[gate];
                var kept = new List<Finding>();
                foreach (var finding in Sorted(result.Findings)) // grouped by file: SourceLines keeps one file at a time
                {
                    // A usage finding's file was read by the scan: without the marker in it, it cannot be silenced and is not read again.
                    var mayBeSilenced = finding.LineText is null || scan is null || finding.Location is not { } place || scan.FilesWithSuppressionMarkers.Contains(place.File);
                    if (mayBeSilenced && Suppressions.Silences(lines, finding))
                    {
                        suppressed++;
                        continue;
                    }
                    var line = finding.LineText ?? (finding.Location is { Line: > 0 } at ? lines.Line(at.File, at.Line) : null);
                    kept.Add(finding with { Fingerprint = Fingerprints.Of(finding, line) });
                }
                ordered.Add(result with { Findings = kept });
            }
        }

        var baselined = 0;
        if (options.UseBaseline)
        {
            try
            {
                var baseline = Baseline.Load(Path.Combine(full, Baseline.DefaultPath), Baseline.DefaultPath);
                if (baseline.Unmatched(ordered.SelectMany(g => g.Findings), [.. ordered.Where(g => !g.Skipped).Select(g => g.Id)]) is var fixedSince and > 0)
                {
                    notices.Add($"{fixedSince} finding(s) in {Baseline.DefaultPath} no longer occur; `flagkeeper check --write-baseline` drops them, so they cannot come back unnoticed");
                }
                for (var i = 0; i < ordered.Count; i++)
                {
                    var (fresh, count) = baseline.Filter(ordered[i].Findings);
                    baselined += count;
                    ordered[i] = ordered[i] with { Findings = fresh };
                }
            }
            catch (FlagkeeperException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        var statistics = new CheckStatistics
        {
            Duration = _time.GetElapsedTime(started),
            FilesScanned = scan?.Statistics.FilesScanned ?? 0,
            BytesScanned = scan?.Statistics.BytesScanned ?? 0,
            Usages = scan?.Usages.Count ?? 0,
            Registries = registries.Registries.Count,
            Flags = registries.Registries.Sum(r => r.Flags.Count),
            CommitsChecked = checkedCommits.Count,
            Suppressed = suppressed,
            Baselined = baselined,
            ReadRetries = scan?.Statistics.ReadRetries ?? RecoveryCounts.None,
        };
        return new CheckReport(full, ordered, errors, notices, statistics) { RepositoryPrefix = prefix, Commits = checkedCommits };
    }

    /// <summary>The root's path inside its repository; "" when it is in none (root-relative is all there is).</summary>
    private static string RepositoryPrefix(string root) => GitRepository.Open(root) is { Failed: false } repository ? repository.Value.Prefix : "";

    private sealed record GitOutcome(IReadOnlyList<GateResult> Results, int Suppressed, IReadOnlyList<CheckedCommit> Commits, string Prefix);

    private GitOutcome RunGitGates(string root, FlagkeeperConfig config, CheckOptions options, List<string> gates, Scanner scanner,
        FlagResolver resolver, List<FlagkeeperError> errors, List<string> notices)
    {
        GateResult[] Skipped(string reason) => [.. gates.Select(g => new GateResult(g, [], reason))];
        GateResult[] Failed(string reason) => [.. gates.Select(g => new GateResult(g, []) { IncompleteReason = reason })];

        var opened = GitRepository.Open(root);
        if (opened.Failed && opened.Errors[0].Descriptor == ErrorCodes.GitUnavailable && options.Range is null)
        {
            var reason = "not in a git repository (or git is not installed)";
            notices.Add($"git gates skipped ({string.Join(", ", gates)}): {reason}: {opened.Errors[0].Message}");
            return new GitOutcome(Skipped(reason), 0, [], "");
        }
        if (opened.Failed)
        {
            errors.AddRange(opened.Errors);
            return new GitOutcome(Failed("git failed (see the errors)"), 0, [], "");
        }
        var repository = opened.Value;

        try
        {
            var commits = monitor.Measure("git.commits", () => repository.Commits(options.Range));
            if (commits.Count == 0)
            {
                notices.Add(options.Range is null
                    ? "the repository has no commits yet: the git gates had nothing to check"
                    : $"the range {options.Range} has no commits: the git gates had nothing to check");
            }
            var results = new List<GateResult>();
            var suppressed = 0;
            var subjects = CommitRules.For(config.Commits); // one set of compiled patterns for both commit gates
            foreach (var gate in gates)
            {
                switch (gate)
                {
                    case GateIds.KillSwitch:
                        var production = new ProductionCode(config, scanner.IsScanned);
                        var killSwitch = new KillSwitchGate(repository, scanner, resolver, production, config, options.Mode, subjects);
                        results.Add(new GateResult(gate, monitor.Measure("gate.kill-switch", () => killSwitch.Run(commits, errors)))
                        {
                            Detail = $"{killSwitch.FeatureCommitsJudged} of {commits.Count} commit(s) were features adding production code",
                        });
                        suppressed += killSwitch.Suppressed;
                        break;
                    case GateIds.CommitMessage:
                        results.Add(new GateResult(gate, CommitMessageGate.Run(commits, config, subjects)) { Detail = config.Commits.Preset == CommitPreset.None && config.Commits.Pattern is null ? "commit messages are not checked (commits: preset: none)" : $"{commits.Count} subject(s) checked" });
                        break;
                    case GateIds.DeliveryMode:
                        results.Add(new GateResult(gate, DeliveryModeGate.Run(commits, config, subjects)));
                        break;
                }
            }
            var checkedCommits = commits.Select(c =>
            {
                var (mode, source) = DeliveryModes.Resolve(c.Subject, options.Mode, config.Commits.ReadsModeTags);
                return new CheckedCommit(c.Id, c.Subject, CommitSubjectRules.TypeOf(c.Subject), mode, source, c.IsMerge)
                {
                    Breaking = ConventionalCommitRules.IsBreaking(CommitMessages.Of(c)),
                };
            }).ToList();
            return new GitOutcome(results, suppressed, checkedCommits, repository.Prefix);
        }
        catch (FlagkeeperException ex) when (ex.Error.Category == ErrorCategory.Git)
        {
            errors.AddRange(ex.Errors);
            return new GitOutcome(Failed("git failed (see the errors)"), 0, [], repository.Prefix);
        }
    }

    /// <summary>Findings with a place first, by file, line, column and rule; then the rest (commits) in history order.</summary>
    private static List<Finding> Sorted(IReadOnlyList<Finding> findings)
    {
        var order = new int[findings.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (x, y) => Compare(findings[x], findings[y]) is var c && c != 0 ? c : x.CompareTo(y)); // stable
        return [.. order.Select(i => findings[i])];
    }

    private static int Compare(Finding a, Finding b)
    {
        if (a.Location is not { } p || b.Location is not { } q)
        {
            return (a.Location is null).CompareTo(b.Location is null);
        }
        var c = string.CompareOrdinal(p.File, q.File);
        c = c != 0 ? c : p.Line.CompareTo(q.Line);
        c = c != 0 ? c : p.Column.CompareTo(q.Column);
        return c != 0 ? c : string.CompareOrdinal(a.Rule, b.Rule);
    }
}
