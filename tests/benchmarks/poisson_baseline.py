#!/usr/bin/python3
"""Screened Poisson reconstruction (Kazhdan and Hoppe 2013, through Open3D) of an unoriented point cloud:
the baseline nlset's reconstruction is compared with. Run with the system python, which has Open3D:

    /usr/bin/python3 tests/benchmarks/poisson_baseline.py CLOUD.ply MESH.ply [--depth 9] [--knn 30] [--orient-k 30] [--trim 0.02]

Poisson needs oriented normals, which a raw scan lacks, so they are estimated first:
  1. normals by PCA over each point's k nearest neighbours (KDTreeSearchParamKNN(knn=30)): a neighbour count
     rather than a radius, so the same setting suits any scale and sampling density;
  2. orientation made consistent by propagation over a k-nearest-neighbour graph
     (orient_normals_consistent_tangent_plane(30), Hoppe et al. 1992);
  3. create_from_point_cloud_poisson(depth=9): an octree of at most 512³ cells over the cloud's bounding
     cube scaled by 1.1 (Open3D's default);
  4. trimming: Poisson closes the surface everywhere, also far from the data; vertices whose density
     (how many samples support them) is below the 2 % quantile are removed with their triangles.
The mesh is written as binary PLY. One JSON line on stdout gives the timings in seconds.
"""
import argparse
import json
import sys
import time

import numpy as np
import open3d as o3d


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cloud", help="input point cloud (PLY, or any format Open3D reads)")
    parser.add_argument("mesh", help="output mesh (.ply)")
    parser.add_argument("--depth", type=int, default=9, help="Poisson octree depth (default 9)")
    parser.add_argument("--knn", type=int, default=30, help="neighbours for normal estimation (default 30)")
    parser.add_argument("--orient-k", type=int, default=30, help="neighbours for consistent orientation (default 30)")
    parser.add_argument("--trim", type=float, default=0.02, help="density quantile below which vertices are removed (default 0.02)")
    args = parser.parse_args()

    o3d.utility.set_verbosity_level(o3d.utility.VerbosityLevel.Error)
    cloud = o3d.io.read_point_cloud(args.cloud)
    if len(cloud.points) == 0:
        print(f"poisson_baseline: {args.cloud}: no points read", file=sys.stderr)
        return 2
    cloud.normals = o3d.utility.Vector3dVector()  # ignore any normals in the file: the baseline gets what nlset gets

    times = {}
    start = time.perf_counter()
    cloud.estimate_normals(search_param=o3d.geometry.KDTreeSearchParamKNN(knn=args.knn))
    times["normals"] = time.perf_counter() - start

    t = time.perf_counter()
    cloud.orient_normals_consistent_tangent_plane(args.orient_k)
    times["orientation"] = time.perf_counter() - t

    t = time.perf_counter()
    mesh, densities = o3d.geometry.TriangleMesh.create_from_point_cloud_poisson(cloud, depth=args.depth)
    times["poisson"] = time.perf_counter() - t

    t = time.perf_counter()
    densities = np.asarray(densities)
    mesh.remove_vertices_by_mask(densities < np.quantile(densities, args.trim))
    times["trim"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - start

    if not o3d.io.write_triangle_mesh(args.mesh, mesh, write_ascii=False):
        print(f"poisson_baseline: {args.mesh}: cannot write", file=sys.stderr)
        return 1
    print(json.dumps({
        "cloud": args.cloud, "mesh": args.mesh, "points": len(cloud.points),
        "vertices": len(mesh.vertices), "triangles": len(mesh.triangles),
        "depth": args.depth, "knn": args.knn, "orient_k": args.orient_k, "trim": args.trim,
        "seconds": {k: round(v, 3) for k, v in times.items()},
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
