using NodaTime;
using SecondChance.Samples.Cli;

return await Cli.RunAsync(args, Console.In, Console.Out, Console.Error, SystemClock.Instance, CliTerminal.FromConsole());
