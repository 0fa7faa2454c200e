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
