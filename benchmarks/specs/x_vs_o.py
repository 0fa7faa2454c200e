"""The X-vs-O network: moving and spoiling the picture."""

PAGE = "x_vs_o"
INTERACTIONS = [
    {"name": "shift slider", "kind": "slider", "key": "x_vs_o-right"},
    {"name": "noise slider", "kind": "slider", "key": "x_vs_o-noise"},
]
