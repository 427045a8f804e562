namespace Nlset.Cli;

public static class Program
{
    public static int Main(string[] args) => NlsetApp.Run(args, Console.Out, Console.Error);
}
