namespace Nlset.Geometry.IO;

/// <summary>The geometry file formats nlset reads and writes.</summary>
public enum GeometryFormat
{
    /// <summary>Stanford PLY (ascii, binary little or big endian): vertices, normals, faces, edges.</summary>
    Ply,
    /// <summary>Wavefront OBJ: v, vn, f, l.</summary>
    Obj,
    /// <summary>Object File Format (OFF, NOFF, COFF, ...): vertices, normals, faces.</summary>
    Off,
    /// <summary>One point per line (x y z, then normals, colours or other columns named by a header row or by GeometryReadOptions.Columns).</summary>
    Xyz,
    /// <summary>STL triangle soup, binary or ASCII; identical corners are merged into shared vertices.</summary>
    Stl,
}
