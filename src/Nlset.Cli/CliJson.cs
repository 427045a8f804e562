using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nlset.Cli;

/// <summary>One JSON style for every --json output: camelCase, indented, nulls omitted.</summary>
static class CliJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
