"""3-D convolution: speed of the digit and the spatial stride (both start below their maximum)."""

PAGE = "conv3d"
INTERACTIONS = [
    {"name": "speed slider", "kind": "slider", "key": "conv3d-speed"},
    {"name": "stride slider", "kind": "slider", "key": "conv3d-stride"},
]
