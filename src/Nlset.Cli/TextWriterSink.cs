using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Nlset.Cli;

/// <summary>Writes log events to a given writer: lets in-process tests capture the log a command
/// would print on stderr (the real console goes through Serilog's console sink).</summary>
sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate) formatter.Format(logEvent, writer);
    }
}
