using BenchmarkDotNet.Running;
using SecondChance.Benchmarks;

if (args.Contains("--notes") || args.Contains("--notes-file"))
{
    return NoteEvaluation.RunCommand(args);
}

if (args.Contains("--notes-check"))
{
    return NoteCheckMode.Run(args);
}

if (args.Contains("--validate"))
{
    return ValidateMode.Run();
}

if (args.Contains("--quick"))
{
    return QuickMode.Run();
}

if (args.Contains("--cluster"))
{
    return await ClusterMode.RunAsync(args);
}

if (args.Contains("--openings"))
{
    return OpeningsMode.Run();
}

// No arguments runs everything; otherwise BenchmarkDotNet's own switches (--filter, --list, ...).
BenchmarkSwitcher.FromAssembly(typeof(DecideBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
return 0;
