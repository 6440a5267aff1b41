using Flagkeeper.Cli;

return CliApplication.Run(args);
