using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
using Nlset.Cli.Commands;
using Nlset.Geometry;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Nlset.Cli;

/// <summary>Builds the command tree and runs one command line: parse errors and bad input become a
/// one-line message and exit code 2, unexpected failures exit 1. Testable in-process with captured writers.</summary>
public static class NlsetApp
{
    public static RootCommand BuildRoot(CliContext ctx)
    {
        var root = new RootCommand("nlset — surfaces, curves and classifiers through controlled neural level sets (Atzmon et al., NeurIPS 2019).");
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.Quiet);
        root.Options.Add(GlobalOptions.LogFile);
        root.Subcommands.Add(InfoCommand.Create(ctx));
        root.Subcommands.Add(ReconstructCommand.Create(ctx));
        root.Subcommands.Add(BatchCommand.Create(ctx));
        root.Subcommands.Add(BatchReportCommand.Create(ctx));
        root.Subcommands.Add(ExtractCommand.Create(ctx));
        root.Subcommands.Add(NormalsCommand.Create(ctx));
        root.Subcommands.Add(SampleCommand.Create(ctx));
        root.Subcommands.Add(NormalizeCommand.Create(ctx));
        root.Subcommands.Add(EvalChamferCommand.Create(ctx));
        root.Subcommands.Add(TrainMarginCommand.Create(ctx));
        root.Subcommands.Add(RenderCommand.Create(ctx));
        root.Subcommands.Add(Demo2dCommand.Create(ctx));
        root.Subcommands.Add(TrainRobustCommand.Create(ctx));
        root.Subcommands.Add(EvalRobustCommand.Create(ctx));
        foreach (var version in root.Options.OfType<VersionOption>()) version.Action = new PrintVersion(ctx);
        // Bare `nlset` shows the help and succeeds, as kubectl and docker do, instead of "Required command was not provided" (exit 2).
        root.SetAction(parse => new HelpAction().Invoke(parse));
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var ctx = new CliContext(output, error);
        var root = BuildRoot(ctx);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            error.WriteLine($"nlset: error: {UsageErrors.Describe(parse)} (see 'nlset {CommandPath(parse)}--help')");
            return (int)ExitCode.BadInput;
        }

        using var logger = CreateLogger(parse, ctx);
        ctx.Log = logger;
        try
        {
            return parse.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (InvalidInputException e)
        {
            error.WriteLine($"nlset: error: {OneLine(SettingFlags.MessageOf(e))}");
            return (int)ExitCode.BadInput;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("nlset: cancelled");
            return (int)ExitCode.Failure;
        }
        catch (Exception e)
        {
            // One line: libtorch's messages carry pages of C++ frames after the first; those go to --verbose and --log-file.
            error.WriteLine($"nlset: internal error: {FirstLine(SettingFlags.MessageOf(e))} ({e.GetBaseException().GetType().Name}; the details: --verbose or --log-file)");
            logger.Debug(e, "stack trace");
            return (int)ExitCode.Failure;
        }
    }

    /// <summary>--version prints this tool's version (the default reads the entry assembly, which is the test host in-process).</summary>
    sealed class PrintVersion(CliContext ctx) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var assembly = typeof(NlsetApp).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString() ?? "unknown";
            ctx.Out.WriteLine(version.Split('+')[0]);
            return (int)ExitCode.Success;
        }
    }

    static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r != null && r.Parent != null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names.Count == 0 ? "" : string.Join(' ', names) + " ";
    }

    static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>The first line of an exception's message (libtorch appends pages of C++ frames).</summary>
    internal static string FirstLine(string message) => message.ReplaceLineEndings("\n").Split('\n', 2)[0].Trim();

    static Serilog.Core.Logger CreateLogger(ParseResult parse, CliContext ctx)
    {
        var level = parse.GetValue(GlobalOptions.Verbose) ? LogEventLevel.Debug
            : parse.GetValue(GlobalOptions.Quiet) ? LogEventLevel.Warning
            : LogEventLevel.Information;
        const string template = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}";
        var config = new LoggerConfiguration().MinimumLevel.Debug();
        config = ReferenceEquals(ctx.Err, Console.Error)
            ? config.WriteTo.Console(restrictedToMinimumLevel: level, outputTemplate: template, standardErrorFromLevel: LogEventLevel.Verbose)
            : config.WriteTo.Sink(new TextWriterSink(ctx.Err, new MessageTemplateTextFormatter(template)), level);
        if (parse.GetValue(GlobalOptions.LogFile) is { } file)
            config = config.WriteTo.File(file.FullName, restrictedToMinimumLevel: LogEventLevel.Debug);
        return config.CreateLogger();
    }
}
