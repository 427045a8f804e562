namespace Nlset.Geometry.IO;

/// <summary>
/// Choices a reader cannot make alone, and where it reports what it did about imperfect files.
/// </summary>
public sealed record GeometryReadOptions
{
    /// <summary>Drop points with a non-finite coordinate (and the triangles and edges that use them) with one
    /// warning, instead of refusing the file. Off by default: a NaN position usually means a broken export.</summary>
    public bool SkipInvalidPoints { get; init; }

    /// <summary>For text point files without a header row: what each column holds, e.g. "x,y,z,r,g,b" or
    /// "x,y,z,i" (<see cref="TextColumns"/> lists the names). Null lets the reader decide from a header row or guess.</summary>
    public string? Columns { get; init; }

    /// <summary>Receives one line per thing the reader changed or guessed (normals dropped, points skipped, columns
    /// guessed); each starts with the file name. Null discards them.</summary>
    public Action<string>? Warning { get; init; }

    /// <summary>How the reader's errors and warnings name these options: by default by their properties ("Columns");
    /// the CLI gives its flags ("--columns").</summary>
    public Func<string, string> SettingName { get; init; } = SettingNames.Library;

    public static readonly GeometryReadOptions Default = new();

    /// <summary>The names <see cref="Columns"/> takes.</summary>
    public const string ColumnNames = "x y z, nx ny nz, r g b (or red green blue), and i, intensity, a, alpha, scalar, _ or skip for a column to ignore";

    internal void Warn(string file, string message) => Warning?.Invoke($"{file}: {message}");
}
