import open3d as o3d

cloud = o3d.io.read_point_cloud("scan.ply")
print(cloud)
