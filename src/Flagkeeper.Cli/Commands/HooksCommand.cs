using System.CommandLine;
using Flagkeeper.Analysis;
using Flagkeeper.Analysis.Git;
using Flagkeeper.Cli.Rendering;
using Flagkeeper.Diagnostics;
using Flagkeeper.Editing;
using Flagkeeper.Cli.Invocation;
using Flagkeeper.Analysis.Checks.Commits;

namespace Flagkeeper.Cli.Commands;

/// <summary>
/// Git hooks: <c>flagkeeper commit-msg FILE</c> (what the commit-msg hook runs) and
/// <c>flagkeeper hooks install</c> (writes that hook and a pre-push hook running <c>check</c>).
/// </summary>
internal static class HooksCommand
{
    /// <summary>Marks hooks Flagkeeper wrote, so it may rewrite them but never someone else's.</summary>
    internal const string Marker = "flagkeeper-hook v1";

    public static Command CommitMsg(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The commit message file git passes to the commit-msg hook (.git/COMMIT_EDITMSG)." };
        var root = CommonOptions.Root();
        var command = new Command("commit-msg", "Check a commit message file against the commit convention (for git's commit-msg hook; exit 1 when it fails).")
        {
            file, root,
        };
        command.SetAction(parse => CommonOptions.RunOr(context, root.TryResolve(parse, context, announce: true), found => CheckMessage(context, parse.GetValue(file)!, found.Path)));
        return command;
    }

    public static Command Hooks(CliContext context)
    {
        var hooks = new Command("hooks", "Install Flagkeeper's git hooks.");
        var path = CommonOptions.RootArgument();
        var force = new Option<bool>("--force") { Description = "Replace hooks Flagkeeper did not write (each old one is kept as <hook>.flagkeeper-backup)." };
        var executable = new Option<string?>("--command")
        {
            Description = "How the hooks start Flagkeeper (default: the tool running this command, by absolute path; `dotnet tool run flagkeeper` when the tool manifest lists it).",
        };
        var install = new Command("install", "Write the commit-msg hook (checks each message) and the pre-push hook (runs check on the pushed commits).")
        {
            path, force, executable,
        };
        install.SetAction(parse => CommonOptions.RunOr(context, path.TryResolve(parse, context, announce: true),
            found => Install(context, found.Path, parse.GetValue(force), parse.GetValue(executable))));
        hooks.Subcommands.Add(install);

        var uninstallPath = CommonOptions.RootArgument();
        var uninstall = new Command("uninstall", "Remove the hooks Flagkeeper wrote (and put back any hook --force replaced); other hooks are left alone.")
        {
            uninstallPath,
        };
        uninstall.SetAction(parse => CommonOptions.RunOr(context, uninstallPath.TryResolve(parse, context, announce: true), found => Uninstall(context, found.Path)));
        hooks.Subcommands.Add(uninstall);
        return hooks;
    }

    private static int CheckMessage(CliContext context, string file, string root)
    {
        var config = WorkspaceSetup.Load(root, context.Monitor);
        // Bad input is reported as before: a missing root first, then a missing message file, then the configuration.
        IReadOnlyList<FlagkeeperError> errors = config.Errors.FirstOrDefault(e => e.Descriptor == ErrorCodes.RootNotFound) is { } missingRoot ? [missingRoot]
            : !File.Exists(file) ? [ErrorCodes.FileNotFound.Create($"commit message file '{file}' does not exist")]
            : config.Errors;
        if (errors.Count > 0)
        {
            ErrorPrinter.Print(context.Error, errors);
            return ExitCodes.InputError;
        }
        var severity = config.Config.Severities.Of(RuleCatalog.CommitMessageInvalid);
        if (severity == RuleSeverity.Off || !config.Config.Gates.Contains(GateIds.CommitMessage))
        {
            return ExitCodes.Ok;
        }
        var message = CommitMessages.Parse(File.ReadAllText(file));
        var subject = message.Header;
        var rules = CommitRules.For(config.Config.Commits);
        var verdict = rules.Check(message, context.Today(null));
        var error = context.Error;
        foreach (var warning in verdict.Warnings)
        {
            error.WriteLine($"warning {RuleCatalog.CommitMessageInvalid.Id}: {warning}");
        }
        if (verdict.Valid)
        {
            return ExitCodes.Ok;
        }
        var label = RuleSeverities.Name(severity);
        error.WriteLine($"{label} {RuleCatalog.CommitMessageInvalid.Id}: the commit message does not follow the convention");
        error.WriteLine($"  subject: {subject}");
        foreach (var problem in verdict.Problems)
        {
            error.WriteLine($"  - {problem}");
        }
        if (verdict.Example is { } example)
        {
            error.WriteLine($"  example: {example}");
        }
        error.WriteLine($"  convention: {rules.Description}");
        error.WriteLine("  your message is kept in .git/COMMIT_EDITMSG; `git commit -e -F .git/COMMIT_EDITMSG` reopens it");
        return severity == RuleSeverity.Error ? ExitCodes.Findings : ExitCodes.Ok;
    }

    private static int Install(CliContext context, string root, bool force, string? command)
    {
        var located = Locate(root);
        if (located.Failed)
        {
            return ErrorPrinter.Fail(context, located.Errors);
        }
        var (fullRoot, hooksDirectory, checkRoot, workTree) = located.Value;
        var executable = command ?? HookLauncher.Default(workTree);
        var hooks = new (string Name, string Body)[]
        {
            ("commit-msg", CommitMsgHook(executable, checkRoot)),
            ("pre-push", PrePushHook(executable, checkRoot)),
        };

        // Refuse before writing anything, so a refusal leaves every hook as it was.
        var foreign = hooks.Select(h => Path.Combine(hooksDirectory, h.Name)).Where(p => File.Exists(p) && !File.ReadAllText(p).Contains(Marker, StringComparison.Ordinal)).ToList();
        if (foreign.Count > 0 && !force)
        {
            return ErrorPrinter.Fail(context, [ErrorCodes.HookExists.Create(
                $"{string.Join(", ", foreign.Select(Path.GetFileName))} already exist(s) in {hooksDirectory} and were not written by flagkeeper; nothing was changed. Merge them by hand or pass --force")]);
        }
        if (HookLauncher.Verify(executable, workTree) is { } unusable)
        {
            return ErrorPrinter.Fail(context, [unusable]);
        }
        Directory.CreateDirectory(hooksDirectory);
        foreach (var (name, body) in hooks)
        {
            var path = Path.Combine(hooksDirectory, name);
            if (foreign.Contains(path))
            {
                File.Copy(path, path + ".flagkeeper-backup", overwrite: true);
                context.Output.WriteLine($"kept the old {name} hook as {name}.flagkeeper-backup");
            }
            AtomicFile.WriteAllText(path, body, byteOrderMark: false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
            context.Output.WriteLine($"installed {Path.GetRelativePath(fullRoot, path).Replace('\\', '/')}");
        }
        context.Output.WriteLine($"the hooks start flagkeeper with: {executable}");
        return ExitCodes.Ok;
    }

    private static int Uninstall(CliContext context, string root)
    {
        var located = Locate(root);
        if (located.Failed)
        {
            return ErrorPrinter.Fail(context, located.Errors);
        }
        var (fullRoot, hooksDirectory, _, _) = located.Value;
        foreach (var name in HookNames)
        {
            var path = Path.Combine(hooksDirectory, name);
            var shown = Path.GetRelativePath(fullRoot, path).Replace('\\', '/');
            if (!File.Exists(path))
            {
                continue;
            }
            if (!File.ReadAllText(path).Contains(Marker, StringComparison.Ordinal))
            {
                context.Output.WriteLine($"left {shown} alone: flagkeeper did not write it");
                continue;
            }
            var backup = path + ".flagkeeper-backup";
            if (File.Exists(backup))
            {
                File.Move(backup, path, overwrite: true);
                context.Output.WriteLine($"restored {shown} from {name}.flagkeeper-backup");
            }
            else
            {
                File.Delete(path);
                context.Output.WriteLine($"removed {shown}");
            }
        }
        return ExitCodes.Ok;
    }

    private static readonly string[] HookNames = ["commit-msg", "pre-push"];

    /// <summary>
    /// The root, the repository's hooks folder (core.hooksPath honoured), the root's path inside the repository
    /// and the top of the work tree, where git runs hooks.
    /// </summary>
    private static Result<(string Root, string HooksDirectory, string CheckRoot, string WorkTree)> Locate(string root)
    {
        var (fullRoot, missing) = WorkspaceRoot.Folder(root);
        if (missing is not null)
        {
            return missing;
        }
        var opened = GitRepository.Open(fullRoot);
        if (opened.Failed)
        {
            return Result<(string, string, string, string)>.Failure(opened.Errors);
        }
        var repository = opened.Value;
        // Hooks run at the top of the work tree, so the check root is written relative to it.
        var up = string.Concat(Enumerable.Repeat("../", repository.Prefix.Count(c => c == '/')));
        return (fullRoot, repository.HooksDirectory, repository.Prefix.Length == 0 ? "." : repository.Prefix.TrimEnd('/'),
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(fullRoot, up))));
    }

    private static string CommitMsgHook(string executable, string root) => $"""
        #!/bin/sh
        # {Marker}: written by `flagkeeper hooks install`; rerun it (with --force for foreign hooks) to rewrite.
        # Checks the commit message against the convention in flagkeeper.yaml; a failing message aborts the commit.
        exec {executable} commit-msg "$1" -C "{root}"

        """.ReplaceLineEndings("\n");

    private static string PrePushHook(string executable, string root) => $$"""
        #!/bin/sh
        # {{Marker}}: written by `flagkeeper hooks install`; rerun it (with --force for foreign hooks) to rewrite.
        # Runs `flagkeeper check` on the commits being pushed; an error-severity finding stops the push.
        # git gives one line per pushed ref on standard input: <local ref> <local sha> <remote ref> <remote sha>.
        zero=0000000000000000000000000000000000000000
        status=0
        while read -r local_ref local_sha remote_ref remote_sha; do
          if [ "$local_sha" = "$zero" ]; then
            continue # a deleted branch: nothing to check
          elif [ "$remote_sha" = "$zero" ]; then
            # A new branch: the commits the remote does not have yet, from the oldest one on.
            oldest=$(git rev-list "$local_sha" --not --remotes="$1" | tail -n 1)
            if [ -z "$oldest" ]; then
              continue # every commit is on the remote already
            elif git rev-parse -q --verify "$oldest^" >/dev/null; then
              {{executable}} check "{{root}}" --range "$oldest^..$local_sha" || status=1
            else
              {{executable}} check "{{root}}" --range "$local_sha^!" || status=1 # a history new from its root: the tip
            fi
          else
            {{executable}} check "{{root}}" --range "$remote_sha..$local_sha" || status=1
          fi
        done
        exit $status

        """.ReplaceLineEndings("\n");
}
