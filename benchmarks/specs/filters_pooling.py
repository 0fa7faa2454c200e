"""Filters & Pooling on a 512 x 512 photo (the astronaut): kernel value, stride and pooling changes."""

PAGE = "filters_pooling?input=picture&sample=Astronaut"
INTERACTIONS = [
    {
        "name": "kernel value",
        "kind": "text",
        "key": "filters_pooling-kernels",
        "text": "-1 0 1\n-2 0 2\n-1 0 2",
    },
    {"name": "stride slider", "kind": "slider", "key": "filters_pooling-stride"},
    {"name": "pool size slider", "kind": "slider", "key": "filters_pooling-pool-size"},
]
