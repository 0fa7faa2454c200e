"""Device choice and the torch thread cap."""

import torch

from engine import device


def test_override_wins(monkeypatch):
    monkeypatch.setenv(device.ENV_DEVICE, "cpu")
    assert device.pick_device() == torch.device("cpu")


def test_unavailable_gpu_falls_back_to_cpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert device.pick_device("cuda").type == "cpu"


def test_auto_prefers_cuda_when_present(monkeypatch):
    monkeypatch.delenv(device.ENV_DEVICE, raising=False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert device.pick_device().type == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device, "_mps_available", lambda: False)
    assert device.pick_device().type == "cpu"


def test_threads_are_capped(monkeypatch):
    before = torch.get_num_threads()
    try:
        monkeypatch.setenv(device.ENV_THREADS, "1")
        assert device.configure_threads() == 1 and torch.get_num_threads() == 1
        assert "1 torch thread" in device.describe(torch.device("cpu"))
    finally:
        torch.set_num_threads(before)


def _fresh_python(code: str) -> str:
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {k: v for k, v in os.environ.items() if k not in ("OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_the_router_and_home_page_load_without_torch():
    """The home page must come up fast: torch (about a second to import) loads in the background."""
    loaded = _fresh_python(
        "import sys; import pages.widgets.classroom, pages.widgets.catalog, "
        "pages.widgets.chrome, pages.widgets.links, engine.tours; print('torch' in sys.modules)"
    )
    assert loaded == "False"


def test_engine_caps_torch_threads_before_torch_loads():
    assert _fresh_python("import engine.mlp, torch; print(torch.get_num_threads())") == "1"
    assert _fresh_python("import torch; import engine; print(torch.get_num_threads())") == "1"
