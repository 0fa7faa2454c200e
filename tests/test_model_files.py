"""Saved models: what loads back computes exactly what was saved; anything else is refused in words."""

import io

import pytest
import torch
from safetensors.torch import save as save_tensors

from engine import mlp, model_files, toy2d
from engine.model_files import ModelFileError

SETTINGS = {
    "mlp_playground-layers": 2,
    "mlp_playground-activation": "tanh",
    "mlp_playground-features": ["x1", "x2"],
}


def trained_model() -> tuple[mlp.Config, torch.nn.Module]:
    cfg = mlp.Config(hidden=(8, 8), activation="tanh", steps=30)
    model = mlp.build(cfg)
    mlp.train(model, toy2d.make("circles", noise=0.1, seed=0), cfg)
    return cfg, model


def outputs(model: torch.nn.Module) -> torch.Tensor:
    grid = torch.linspace(-1, 1, 50)
    points = torch.stack(torch.meshgrid(grid, grid, indexing="ij"), -1).reshape(-1, 2)  # (2500, 2)
    with torch.no_grad():
        return model(points)


def test_a_saved_model_loads_back_with_its_settings_and_the_same_outputs():
    cfg, model = trained_model()
    data = model_files.dump(model.state_dict(), page="mlp_playground", settings=SETTINGS, steps=30)
    saved = model_files.load(data, page="mlp_playground")
    fresh = mlp.build(cfg)
    assert not torch.equal(
        outputs(fresh), outputs(model)
    )  # so the equality below is the loaded weights' doing
    fresh.load_state_dict(saved.state)
    assert torch.equal(outputs(fresh), outputs(model))
    assert saved.settings == SETTINGS and saved.steps == 30


def test_a_file_from_another_page_is_refused():
    _, model = trained_model()
    data = model_files.dump(model.state_dict(), page="gan_2d", settings={}, steps=1)
    with pytest.raises(ModelFileError, match="another page"):
        model_files.load(data, page="mlp_playground")


def test_a_changed_weight_is_noticed():
    _, model = trained_model()
    data = bytearray(model_files.dump(model.state_dict(), page="mlp_playground", settings=SETTINGS, steps=30))
    data[-3] ^= 0x40  # one bit of the last tensor's last weight
    with pytest.raises(ModelFileError, match="changed after"):
        model_files.load(bytes(data), page="mlp_playground")


@pytest.mark.parametrize(
    "foreign",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(100),  # a picture
        b"hello",  # too short for a header
        (10**12).to_bytes(8, "little") + b"{}",  # a header length that lies
        save_tensors({"w": torch.ones(3)}),  # safetensors, but not ours
    ],
)
def test_foreign_files_are_not_a_layerlab_model(foreign):
    with pytest.raises(ModelFileError, match="not a LayerLab model"):
        model_files.load(foreign, page="mlp_playground")


def test_a_pickle_is_never_unpickled():
    buffer = io.BytesIO()
    torch.save({"w": torch.ones(3)}, buffer)  # the format that can run code when loaded
    with pytest.raises(ModelFileError, match="not a LayerLab model"):
        model_files.load(buffer.getvalue(), page="mlp_playground")


def test_a_truncated_file_is_damaged():
    _, model = trained_model()
    data = model_files.dump(model.state_dict(), page="mlp_playground", settings=SETTINGS, steps=30)
    with pytest.raises(ModelFileError, match="damaged"):
        model_files.load(data[:-40], page="mlp_playground")


def rewritten(data: bytes, *, tensors: dict | None = None, **fields) -> bytes:
    """The file as someone editing it by hand would write it: some fields changed, the checksum kept."""
    import json
    import struct

    from safetensors.torch import load as load_tensors

    (length,) = struct.unpack("<Q", data[:8])
    metadata = json.loads(data[8 : 8 + length])["__metadata__"]
    metadata.update(fields)
    return save_tensors(tensors if tensors is not None else load_tensors(data), metadata=metadata)


def resealed(data: bytes, **fields) -> bytes:
    """The same edit, with a checksum recomputed the way LayerLab computes it."""
    import json
    import struct

    from safetensors.torch import load as load_tensors

    tensors = fields.pop("tensors", None)
    (length,) = struct.unpack("<Q", data[:8])
    metadata = json.loads(data[8 : 8 + length])["__metadata__"]
    metadata.update(fields)
    tensors = tensors if tensors is not None else load_tensors(data)
    metadata["sha256"] = model_files._digest(tensors, metadata)
    return save_tensors(tensors, metadata=metadata)


@pytest.mark.parametrize(
    "field, value",
    [("steps", "-123456789"), ("steps", "999999999999"), ("settings", '{"mlp_playground-layers": 9}')],
)
def test_the_checksum_covers_the_settings_and_the_step_count(field, value):
    _, model = trained_model()
    data = model_files.dump(model.state_dict(), page="mlp_playground", settings=SETTINGS, steps=30)
    with pytest.raises(ModelFileError):
        model_files.load(rewritten(data, **{field: value}), page="mlp_playground")


@pytest.mark.parametrize("steps", ["-123456789", "NaN", "1e9", "12.5", "99999999999"])
def test_a_step_count_that_training_cannot_give_is_refused_in_words(steps):
    _, model = trained_model()
    data = model_files.dump(model.state_dict(), page="mlp_playground", settings=SETTINGS, steps=30)
    with pytest.raises(ModelFileError, match="step count"):
        model_files.load(resealed(data, steps=steps), page="mlp_playground")


@pytest.mark.parametrize(
    "settings",
    [
        '{"k": NaN}',
        '{"k": Infinity}',
        "[1, 2]",
        '"abc"',
        '{"k": {"deep": 1}}',
        "[" * 5000 + "]" * 5000,
        "not json",
    ],
)
def test_settings_that_are_not_plain_values_are_refused_in_words(settings):
    _, model = trained_model()
    data = model_files.dump(model.state_dict(), page="mlp_playground", settings=SETTINGS, steps=30)
    with pytest.raises(ModelFileError, match="settings"):
        model_files.load(resealed(data, settings=settings), page="mlp_playground")


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), 1e38])
def test_weights_that_are_not_finite_or_absurdly_large_are_refused_in_words(bad):
    _, model = trained_model()
    data = model_files.dump(model.state_dict(), page="mlp_playground", settings=SETTINGS, steps=30)
    state = {name: tensor.clone() for name, tensor in model.state_dict().items()}
    first = sorted(state)[0]
    state[first].view(-1)[0] = bad
    with pytest.raises(ModelFileError, match="weights"):
        model_files.load(resealed(data, tensors=state), page="mlp_playground")


def test_a_deeply_nested_header_is_not_a_layerlab_model():
    nested = ("[" * 100_000 + "]" * 100_000).encode()
    data = len(nested).to_bytes(8, "little") + nested
    with pytest.raises(ModelFileError, match="not a LayerLab model"):
        model_files.load(data, page="mlp_playground")


def test_a_file_of_the_old_format_is_refused_in_words():
    _, model = trained_model()
    data = model_files.dump(model.state_dict(), page="mlp_playground", settings=SETTINGS, steps=30)
    with pytest.raises(ModelFileError, match="older LayerLab"):
        model_files.load(rewritten(data, format="layerlab-model/1"), page="mlp_playground")
