namespace Nlset.Geometry.IO;

/// <summary>What one column of a text point file holds.</summary>
internal enum ColumnRole { Ignored, X, Y, Z, Nx, Ny, Nz, Red, Green, Blue }

/// <summary>
/// The meaning of the columns of a text point export, from a header row (`x,y,z,r,g,b`, CloudCompare's
/// `//X,Y,Z,R,G,B,Nx,Ny,Nz`), from the user (<see cref="GeometryReadOptions.Columns"/>, e.g. "x,y,z,i"), or guessed from the values when neither says.
/// Positions x y z are required; normals and colours are kept when all three of theirs are present; every other
/// column (intensity, scalar fields, ...) is read and ignored.
/// </summary>
internal sealed class TextColumns
{
    TextColumns(ColumnRole[] roles, string description)
    {
        Roles = roles;
        Description = description;
    }

    public ColumnRole[] Roles { get; }
    public int Count => Roles.Length;
    public string Description { get; }
    public int IndexOf(ColumnRole role) => Array.IndexOf(Roles, role);
    public bool HasNormals => IndexOf(ColumnRole.Nx) >= 0;
    public bool HasColors => IndexOf(ColumnRole.Red) >= 0;

    /// <summary>Names <see cref="GeometryReadOptions.Columns"/> accepts for columns that are read and ignored.</summary>
    static readonly string[] IgnoredNames = ["i", "intensity", "a", "alpha", "scalar", "_", "skip"];

    public const string KnownNames = GeometryReadOptions.ColumnNames;

    /// <summary>Columns named by the user: unknown names are refused (a typo should not silently drop data).</summary>
    /// <param name="option">How messages name the setting that gave them, e.g. "--columns".</param>
    public static TextColumns FromOption(string text, string file, string option)
    {
        var names = text.Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var roles = new ColumnRole[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            var role = RoleOf(names[i]);
            if (role == null && !IgnoredNames.Contains(names[i].ToLowerInvariant()))
                throw new GeometryFileException(file, null, $"{option}: unknown column name '{names[i]}' (known: {KnownNames})");
            roles[i] = role ?? ColumnRole.Ignored;
        }
        return Checked(roles, file, option, string.Join(',', names));
    }

    /// <summary>Columns named by the file's header row: names nlset does not use are ignored.</summary>
    public static TextColumns FromHeader(IReadOnlyList<string> names, string file, string where)
    {
        var roles = names.Select(n => RoleOf(n) ?? ColumnRole.Ignored).ToArray();
        return Checked(roles, file, $"{where} (header row)", string.Join(',', names));
    }

    static TextColumns Checked(ColumnRole[] roles, string file, string where, string description)
    {
        foreach (var group in new[] { new[] { ColumnRole.X, ColumnRole.Y, ColumnRole.Z }, [ColumnRole.Nx, ColumnRole.Ny, ColumnRole.Nz], [ColumnRole.Red, ColumnRole.Green, ColumnRole.Blue] })
        {
            int present = group.Count(r => roles.Contains(r));
            if (group.Any(r => roles.Count(x => x == r) > 1))
                throw new GeometryFileException(file, where, $"a column is named twice in '{description}'");
            if (present is > 0 and < 3 || (group[0] == ColumnRole.X && present < 3))
                throw new GeometryFileException(file, where,
                    $"'{description}' must name {string.Join(", ", group.Select(r => r.ToString().ToLowerInvariant()))}{(group[0] == ColumnRole.X ? "" : " all three or none")}");
        }
        return new TextColumns(roles, description);
    }

    static ColumnRole? RoleOf(string name)
    {
        var n = name.Trim().Trim('"', '\'').TrimStart('/').ToLowerInvariant().Replace("_", "");
        return n switch
        {
            "x" => ColumnRole.X,
            "y" => ColumnRole.Y,
            "z" => ColumnRole.Z,
            "nx" or "normalx" => ColumnRole.Nx,
            "ny" or "normaly" => ColumnRole.Ny,
            "nz" or "normalz" => ColumnRole.Nz,
            "r" or "red" or "diffusered" => ColumnRole.Red,
            "g" or "green" or "diffusegreen" => ColumnRole.Green,
            "b" or "blue" or "diffuseblue" => ColumnRole.Blue,
            _ => null,
        };
    }

    /// <summary>
    /// Columns guessed from the values of a file that does not name them. x y z come first (every exporter puts them
    /// there). Of the columns after them, a triple whose rows all have unit length is taken for normals; the last
    /// triple of integers in 0..255 (or of values in 0..1 that is not unit length) for colours, last because
    /// scanners write `x y z intensity r g b`; every other column is ignored. `x y z r g b` is therefore never
    /// read as normals: 255 0 0 is not a unit vector.
    /// </summary>
    public static TextColumns Guess(int columns, ReadOnlySpan<double> values)
    {
        var roles = new ColumnRole[columns];
        roles[0] = ColumnRole.X;
        roles[1] = ColumnRole.Y;
        roles[2] = ColumnRole.Z;
        int rows = values.Length / columns;
        int normals = -1;
        for (int o = 3; o + 3 <= columns && normals < 0; o++)
            if (IsUnitTriple(values, columns, rows, o)) normals = o;
        int colors = -1;
        for (int o = columns - 3; o >= 3 && colors < 0; o--)
            if ((normals < 0 || o + 3 <= normals || o >= normals + 3) && IsColorTriple(values, columns, rows, o)) colors = o;
        if (normals >= 0)
        {
            roles[normals] = ColumnRole.Nx;
            roles[normals + 1] = ColumnRole.Ny;
            roles[normals + 2] = ColumnRole.Nz;
        }
        if (colors >= 0)
        {
            roles[colors] = ColumnRole.Red;
            roles[colors + 1] = ColumnRole.Green;
            roles[colors + 2] = ColumnRole.Blue;
        }
        var names = roles.Select(r => r switch
        {
            ColumnRole.X => "x", ColumnRole.Y => "y", ColumnRole.Z => "z",
            ColumnRole.Nx => "nx", ColumnRole.Ny => "ny", ColumnRole.Nz => "nz",
            ColumnRole.Red => "r", ColumnRole.Green => "g", ColumnRole.Blue => "b",
            _ => "_",
        });
        return new TextColumns(roles, string.Join(',', names));
    }

    // Unit normals written with 4-6 digits, or averaged, stay within a few percent of length 1.
    static bool IsUnitTriple(ReadOnlySpan<double> values, int columns, int rows, int offset)
    {
        for (int r = 0; r < rows; r++)
        {
            int at = r * columns + offset;
            double length = Math.Sqrt(values[at] * values[at] + values[at + 1] * values[at + 1] + values[at + 2] * values[at + 2]);
            if (!(Math.Abs(length - 1) <= 0.05)) return false;
        }
        return rows > 0;
    }

    static bool IsColorTriple(ReadOnlySpan<double> values, int columns, int rows, int offset)
    {
        bool bytes = true, unit = true;
        for (int r = 0; r < rows && (bytes || unit); r++)
            for (int k = 0; k < 3; k++)
            {
                double v = values[r * columns + offset + k];
                if (!(v >= 0 && v <= 255 && v == Math.Floor(v))) bytes = false;
                if (!(v >= 0 && v <= 1)) unit = false;
            }
        return rows > 0 && (bytes || unit);
    }
}
