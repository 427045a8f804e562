#!/usr/bin/python3
"""Oriented normals against the truth: nlset's (the trained network's unit gradient) and Open3D's
(PCA estimate + consistent tangent-plane orientation), on one cloud sampled with its true normals;
then screened Poisson on each set of normals. Run with the system python, which has Open3D
(Debian's python3-open3d; normals-table.sh installs it when missing):

    /usr/bin/python3 tests/benchmarks/normals_compare.py TRUTH.ply NLSET.ply REFERENCE.ply OUTDIR

Without Open3D only nlset's figures are given (the PLY files nlset writes are read here with numpy).

TRUTH.ply    the cloud with its true normals (`nlset sample --normals`: each point's triangle's face normal)
NLSET.ply    the same points, same order, with nlset's normals (`nlset reconstruct --normals-out`)
REFERENCE    the normalised mesh: its signed volume says whether its triangles face outwards (if not, the true
             normals are flipped, so that "oriented right" means "outwards")
OUTDIR       where the Poisson meshes go: poisson-nlset.ply, poisson-open3d.ply

Figures, per method: the share of points whose normal is within 90° of the truth (orientation right), the mean
angle to the truth (oriented: 0–180°) and the mean unoriented angle min(θ, 180° − θ) (how good the direction
is, whatever the orientation). Open3D: estimate_normals(KDTreeSearchParamKNN(30)) then
orient_normals_consistent_tangent_plane(30), as poisson_baseline.py. Poisson: create_from_point_cloud_poisson
(depth 9), densities below the 2 % quantile trimmed, as poisson_baseline.py. One JSON object on stdout.
"""
import argparse
import json
import sys
import time

import numpy as np

try:
    import open3d as o3d
except ImportError:
    o3d = None

PLY_TYPES = {"char": "i1", "int8": "i1", "uchar": "u1", "uint8": "u1", "short": "i2", "int16": "i2", "ushort": "u2",
             "uint16": "u2", "int": "i4", "int32": "i4", "uint": "u4", "uint32": "u4", "float": "f4", "float32": "f4",
             "double": "f8", "float64": "f8"}


def read_ply(path: str) -> dict:
    """Vertex properties (and triangles, if any) of a binary little-endian PLY as nlset writes it."""
    with open(path, "rb") as f:
        data = f.read()
    end = data.index(b"end_header") + len(b"end_header")
    end = data.index(b"\n", end) + 1
    elements, current = [], None
    for line in data[:end].decode("ascii", "replace").splitlines():
        words = line.split()
        if not words:
            continue
        if words[0] == "format" and words[1] != "binary_little_endian":
            raise SystemExit(f"normals_compare: {path}: only binary little-endian PLY is read without Open3D")
        if words[0] == "element":
            current = {"name": words[1], "count": int(words[2]), "props": []}
            elements.append(current)
        elif words[0] == "property":
            current["props"].append(words[1:])
    offset, result = end, {}
    for element in elements:
        if element["name"] == "vertex":
            dtype = np.dtype([(p[1], "<" + PLY_TYPES[p[0]]) for p in element["props"]])
            vertices = np.frombuffer(data, dtype=dtype, count=element["count"], offset=offset)
            offset += dtype.itemsize * element["count"]
            result["points"] = np.stack([vertices["x"], vertices["y"], vertices["z"]], axis=1).astype(np.float64)
            if "nx" in dtype.names:
                result["normals"] = np.stack([vertices["nx"], vertices["ny"], vertices["nz"]], axis=1).astype(np.float64)
        elif element["name"] == "face" and len(element["props"]) == 1 and element["props"][0][0] == "list":
            _, count_type, index_type, _ = element["props"][0]
            dtype = np.dtype([("n", "<" + PLY_TYPES[count_type]), ("i", "<" + PLY_TYPES[index_type], 3)])
            faces = np.frombuffer(data, dtype=dtype, count=element["count"], offset=offset)
            if np.any(faces["n"] != 3):
                raise SystemExit(f"normals_compare: {path}: only triangles are read without Open3D")
            result["triangles"] = faces["i"].astype(np.int64)
            offset += dtype.itemsize * element["count"]
        else:
            break
    return result


def angles(truth: np.ndarray, estimate: np.ndarray) -> dict:
    t = truth / np.linalg.norm(truth, axis=1, keepdims=True)
    e = estimate / np.linalg.norm(estimate, axis=1, keepdims=True)
    cos = np.clip(np.sum(t * e, axis=1), -1.0, 1.0)
    theta = np.degrees(np.arccos(cos))
    return {
        "oriented_share": float(np.mean(cos > 0)),
        "wrong_points": int(np.sum(cos <= 0)),
        "mean_angle": float(np.mean(theta)),
        "mean_unoriented_angle": float(np.mean(np.minimum(theta, 180.0 - theta))),
        "median_unoriented_angle": float(np.median(np.minimum(theta, 180.0 - theta))),
    }


def poisson(points: np.ndarray, normals: np.ndarray, path: str, depth: int, trim: float) -> float:
    cloud = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(points))
    cloud.normals = o3d.utility.Vector3dVector(normals)
    start = time.perf_counter()
    mesh, densities = o3d.geometry.TriangleMesh.create_from_point_cloud_poisson(cloud, depth=depth)
    densities = np.asarray(densities)
    mesh.remove_vertices_by_mask(densities < np.quantile(densities, trim))
    seconds = time.perf_counter() - start
    if not o3d.io.write_triangle_mesh(path, mesh, write_ascii=False):
        raise SystemExit(f"normals_compare: {path}: cannot write")
    return seconds


def signed_volume(v: np.ndarray, f: np.ndarray) -> float:
    return float(np.sum(np.einsum("ij,ij->i", v[f[:, 0]], np.cross(v[f[:, 1]], v[f[:, 2]]))) / 6.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("truth")
    parser.add_argument("nlset")
    parser.add_argument("reference")
    parser.add_argument("outdir")
    parser.add_argument("--depth", type=int, default=9)
    parser.add_argument("--knn", type=int, default=30)
    parser.add_argument("--orient-k", type=int, default=30)
    parser.add_argument("--trim", type=float, default=0.02)
    args = parser.parse_args()
    truth, ours, reference = read_ply(args.truth), read_ply(args.nlset), read_ply(args.reference)
    points = truth["points"]
    if "normals" not in truth or "normals" not in ours:
        print("normals_compare: both clouds must carry normals", file=sys.stderr)
        return 2
    if len(ours["points"]) != len(points) or np.max(np.abs(ours["points"] - points)) > 1e-5:
        print("normals_compare: the two clouds do not hold the same points in the same order", file=sys.stderr)
        return 2
    true_normals = truth["normals"]
    volume = signed_volume(reference["points"], reference["triangles"])
    if volume < 0:
        true_normals = -true_normals

    result = {"truth": args.truth, "points": len(points), "reference_signed_volume": volume, "truth_flipped": volume < 0}
    result["nlset"] = angles(true_normals, ours["normals"])
    if o3d is None:
        result["open3d"] = None
        print(json.dumps(result))
        return 0
    o3d.utility.set_verbosity_level(o3d.utility.VerbosityLevel.Error)

    cloud = o3d.geometry.PointCloud(o3d.utility.Vector3dVector(points))
    start = time.perf_counter()
    cloud.estimate_normals(search_param=o3d.geometry.KDTreeSearchParamKNN(knn=args.knn))
    pca_seconds = time.perf_counter() - start
    pca = angles(true_normals, np.asarray(cloud.normals))
    t = time.perf_counter()
    cloud.orient_normals_consistent_tangent_plane(args.orient_k)
    orient_seconds = time.perf_counter() - t
    o3d_normals = np.asarray(cloud.normals).copy()
    result["open3d"] = angles(true_normals, o3d_normals)
    result["open3d"]["pca_mean_unoriented_angle"] = pca["mean_unoriented_angle"]
    result["open3d"]["seconds"] = {"pca": round(pca_seconds, 3), "orientation": round(orient_seconds, 3)}

    result["poisson_seconds"] = {
        "nlset": round(poisson(points, ours["normals"], f"{args.outdir}/poisson-nlset.ply", args.depth, args.trim), 3),
        "open3d": round(poisson(points, o3d_normals, f"{args.outdir}/poisson-open3d.ply", args.depth, args.trim), 3),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
