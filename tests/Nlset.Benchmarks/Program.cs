using System.Reflection;
using Nlset.Benchmarks;

// Usage: dotnet run -c Release --project tests/Nlset.Benchmarks -- NAME [args]   (no NAME: list them)
var benchmarks = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchmark).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToList();

if (args.Length == 0 || args[0] is "help" or "--help")
{
    Console.WriteLine("nlset benchmarks: NAME [args]");
    foreach (var b in benchmarks) Console.WriteLine($"  {b.Name,-20} {b.Description}");
    return 0;
}
var chosen = benchmarks.FirstOrDefault(b => b.Name == args[0]);
if (chosen == null)
{
    Console.Error.WriteLine($"unknown benchmark '{args[0]}'; run with no arguments to list them");
    return 2;
}
return chosen.Run(args[1..]);
