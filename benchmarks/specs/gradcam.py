"""Where a CNN looks: the top-classes slider shows one more of the top-5 Grad-CAM maps (computed once
per photo and layer, kept in the user's session); the opacity slider re-blends the maps over the photo."""

PAGE = "gradcam"
INTERACTIONS = [
    {"name": "top classes slider", "kind": "slider", "key": "gradcam-k"},
    {"name": "heat-map opacity slider", "kind": "slider", "key": "gradcam-opacity"},
]
