# Makes the odd files of this folder (issue 17). Run from this folder: python3 make-corpus.py
import struct, math, random
random.seed(7)
# pond-like: binary LE PLY, x y z nx ny nz (float), red green blue (uchar), point_size (float); some NaN normals
n=200
hdr=("ply\nformat binary_little_endian 1.0\ncomment a small scan in the layout of assimp's pond.0.ply\n"
     f"element vertex {n}\nproperty float x\nproperty float y\nproperty float z\nproperty float nx\nproperty float ny\nproperty float nz\n"
     "property uchar red\nproperty uchar green\nproperty uchar blue\nproperty float point_size\nend_header\n").encode()
body=b""
nan_idx={3,17,18,150}
for i in range(n):
    u=i/n*2*math.pi; x=math.cos(u); y=math.sin(u); z=(i%10)*0.1
    nx,ny,nz=(float('nan'),float('nan'),float('nan')) if i in nan_idx else (math.cos(u),math.sin(u),0.0)
    body+=struct.pack('<6f3Bf',x,y,z,nx,ny,nz,(i*7)%256,(i*13)%256,(i*29)%256,1.5)
open('pond-like-nan-normals.ply','wb').write(hdr+body)
# same, big endian, with a NaN position at vertex 5
hdr2=hdr.replace(b"binary_little_endian",b"binary_big_endian").replace(b"element vertex 200",b"element vertex 8")
body=b""
for i in range(8):
    x=float('nan') if i==5 else float(i)
    body+=struct.pack('>6f3Bf',x,1.0,2.0,0,0,1,10,20,30,1.0)
open('big-endian-nan-position.ply','wb').write(hdr2+body)
# OBJ UTF-16 LE and BE with BOM
obj="# a tetrahedron saved as UTF-16\r\nv 0 0 0\r\nv 1 0 0\r\nv 0 1 0\r\nv 0 0 1\r\nf 1 3 2\r\nf 1 2 4\r\nf 1 4 3\r\nf 2 3 4\r\n"
open('tetra-utf16le.obj','wb').write(b'\xff\xfe'+obj.encode('utf-16-le'))
open('tetra-utf16be.obj','wb').write(b'\xfe\xff'+obj.encode('utf-16-be'))
# text exports
pts=[(random.uniform(-1,1),random.uniform(-1,1),random.uniform(-1,1)) for _ in range(20)]
open('colour-rows.xyz','w').write("".join(f"{x:.4f} {y:.4f} {z:.4f} {random.randint(0,255)} {random.randint(0,255)} {random.randint(0,255)}\n" for x,y,z in pts))
open('intensity-rows.txt','w').write("".join(f"{x:.4f}\t{y:.4f}\t{z:.4f}\t{random.randint(0,4095)}\n" for x,y,z in pts))
open('header-xyz.csv','w').write("x,y,z\n"+"".join(f"{x:.4f},{y:.4f},{z:.4f}\n" for x,y,z in pts))
open('header-xyzrgb-nxnynz.csv','w').write("X,Y,Z,R,G,B,Nx,Ny,Nz\n"+"".join(f"{x:.4f},{y:.4f},{z:.4f},{random.randint(0,255)},{random.randint(0,255)},{random.randint(0,255)},0,0,1\n" for x,y,z in pts))
open('leica-count-line.pts','w').write(f"{len(pts)}\n"+"".join(f"{x:.4f} {y:.4f} {z:.4f} {random.randint(-2048,2047)} {random.randint(0,255)} {random.randint(0,255)} {random.randint(0,255)}\n" for x,y,z in pts))
# STL: binary tetrahedron, ascii tetrahedron, binary with a wrong triangle count
V=[(0,0,0),(1,0,0),(0,1,0),(0,0,1)]; F=[(0,2,1),(0,1,3),(0,3,2),(1,2,3)]
def nrm(a,b,c):
    u=[b[i]-a[i] for i in range(3)]; v=[c[i]-a[i] for i in range(3)]
    n=[u[1]*v[2]-u[2]*v[1],u[2]*v[0]-u[0]*v[2],u[0]*v[1]-u[1]*v[0]]; l=math.sqrt(sum(t*t for t in n)); return [t/l for t in n]
b=b"solid binary file whose header starts like ascii".ljust(80,b' ')+struct.pack('<I',len(F))
for f in F:
    a,bb,c=(V[i] for i in f); b+=struct.pack('<12fH',*nrm(a,bb,c),*a,*bb,*c,0)
open('tetra-binary-solid-header.stl','wb').write(b)
open('tetra-bad-count.stl','wb').write(b[:80]+struct.pack('<I',100000000)+b[84:])
s="solid tetra\n"
for f in F:
    a,bb,c=(V[i] for i in f); n=nrm(a,bb,c)
    s+=f"  facet normal {n[0]} {n[1]} {n[2]}\n    outer loop\n"+"".join(f"      vertex {p[0]} {p[1]} {p[2]}\n" for p in (a,bb,c))+"    endloop\n  endfacet\n"
s+="endsolid tetra\n"
open('tetra-ascii.stl','w').write(s)
# an OBJ with only statements nlset ignores: a non-empty file with no vertices
open('no-vertices.obj','w').write("mtllib scene.mtl\no empty\ng nothing\n")
