using Flagkeeper.Cli;

HugePageAdvice.AdviseManagedHeap();
return CliApplication.Run(args);
