"""Every shipped model loads safely, meets the floor its card states, and can be rebuilt."""

import json
import math

import pytest
import torch

from engine import assets
from engine.pretrain import Asset, build_asset, main, registry

REGISTRY = registry()


def test_every_registered_asset_is_shipped_and_every_shipped_one_registered():
    assert set(assets.names()) == set(REGISTRY), "assets/models and the PRETRAINED registries disagree"


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_asset_meets_the_floor_in_its_card(name):
    state, card = assets.load(name)  # weights_only=True inside
    assert not card["quick"], f"{name} was saved from a --quick run"
    for key in ("data", "config", "metrics", "floors", "seconds", "parameters"):
        assert key in card, f"{name}.json lacks {key!r}"
    assert card["parameters"] == sum(v.numel() for v in state.values())
    measured = REGISTRY[name].evaluate(state)
    for metric, floor in card["floors"].items():
        assert measured[metric] >= floor, f"{name}: {metric} = {measured[metric]:.4f} < floor {floor}"
        assert math.isclose(measured[metric], card["metrics"][metric], rel_tol=0.02, abs_tol=0.02), (
            f"{name}: {metric} re-measured {measured[metric]:.4f}, card says {card['metrics'][metric]:.4f}"
        )


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_a_tiny_pretrain_run_works(name, tmp_path):
    path = build_asset(name, REGISTRY[name], quick=True, directory=tmp_path)
    state = torch.load(path, weights_only=True)
    assert state and all(isinstance(v, torch.Tensor) for v in state.values())
    assert json.loads((tmp_path / f"{name}.json").read_text())["quick"] is True


def test_pretrain_cli_writes_an_asset(tmp_path, monkeypatch):
    def train(quick):
        return {"w": torch.ones(2, 3)}, {
            "data": "none",
            "config": {},
            "metrics": {"acc": 1.0},
            "floors": {"acc": 0.5},
        }

    fake = {"toy": Asset(train=train, evaluate=lambda state: {"acc": 1.0}, description="a toy")}
    monkeypatch.setattr("engine.pretrain.registry", lambda: fake)
    assert main(["toy", "--out", str(tmp_path)]) == 0
    state, card = assets.load("toy", tmp_path)
    assert card["parameters"] == 6 and card["description"] == "a toy" and card["seconds"] >= 0
    with pytest.raises(SystemExit):
        main(["no-such-asset", "--out", str(tmp_path)])


def test_loading_refuses_a_file_that_could_run_code(tmp_path):
    class Sneaky:
        def __reduce__(self):
            return (print, ("this would run on load",))

    torch.save({"w": Sneaky()}, tmp_path / "evil.pt")
    (tmp_path / "evil.json").write_text("{}")
    with pytest.raises(Exception):
        assets.load("evil", tmp_path)
