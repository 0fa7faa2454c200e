"""Where a CNN looks: the top-classes slider adds a class's Grad-CAM map (computed once per setting,
then cached); the opacity slider only re-blends the maps over the photo."""
PAGE = "gradcam"
INTERACTIONS = [
    {"name": "top classes slider", "kind": "slider", "key": "gradcam-k"},
    {"name": "heat-map opacity slider", "kind": "slider", "key": "gradcam-opacity"},
]
