"""3-D convolution: speed of the digit and the number of frames."""
PAGE = "conv3d"
INTERACTIONS = [
    {"name": "speed slider", "kind": "slider", "key": "conv3d-speed"},
    {"name": "frames slider", "kind": "slider", "key": "conv3d-frames"},
]
