using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Flagkeeper.Bench.Evaluation.EvaluationBenchmarks).Assembly).Run(args);
