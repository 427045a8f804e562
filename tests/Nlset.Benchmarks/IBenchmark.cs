namespace Nlset.Benchmarks;

/// <summary>One benchmark of the runner: discovered by reflection, run by name.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    /// <summary>Runs with the arguments after the name; prints a table of figures to stdout; returns an exit code.</summary>
    int Run(string[] args);
}
