import subprocess
import sys

import cv2

video = sys.argv[1] if len(sys.argv) > 1 else "input.mp4"
subprocess.run(["ffmpeg", "-y", "-i", video, "-frames:v", "1", "frame.png"], check=True)
print(cv2.imread("frame.png").shape)
