"""Every model, training loop, trace and view runs on the device pick_device() names: proved without a GPU.

PyTorch's "meta" device stands in for the GPU ($LAYERLAB_DEVICE=meta): build() must put the model there,
and `OnMeta` fails any op that mixes a tensor on it with a CPU tensor, as CUDA would. What leaves the
device (.cpu(), .numpy(), .item(), float()) reads as ones, or 0 for indices, so every loop still runs.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch.overrides import TorchFunctionMode

from engine import (
    agreement,
    autoencoders,
    bptt,
    captioning,
    char_rnn,
    datasets,
    device,
    digits_cnn,
    gan2d,
    gan_digits,
    lstm,
    mlp,
    mlp_figures,
    pretrain,
    rnn,
    rnn_shapes,
    scenes,
    seq2seq,
    toy2d,
    transformer,
    why_gates,
    xo_net,
)

META = torch.device("meta")
T = torch.Tensor
LEAVES = {T.cpu, T.numpy, T.item, T.tolist, T.__float__, T.__int__, T.__bool__, T.__index__, T.__array__}
MAY_CROSS = {
    T.to,
    T.copy_,
    T.__getitem__,
    T.__setitem__,
    T.index_select,
    torch._has_compatible_shallow_copy_type,
}
LENGTHS_ON_CPU = {
    torch._pack_padded_sequence,
    torch._pad_packed_sequence,
    torch.gru,
    torch.rnn_tanh,
    torch.lstm,
}


class OnMeta(TorchFunctionMode):
    """Meta tensors play the GPU: mixing them with CPU tensors fails, reading them gives stand-ins."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        leaving = func in LEAVES or (func is T.to and _names_cpu(args[1:], kwargs))
        if leaving and isinstance(args[0], torch.Tensor) and args[0].is_meta:
            if func is T.to:  # to("cpu", torch.float64) and the like: a stand-in of the dtype asked for
                return _standin(args[0]).to(*args[1:], **kwargs)
            return func(_standin(args[0]), *args[1:], **kwargs)
        if func is torch._pack_padded_sequence and args[0].is_meta:  # stand-in lengths are 0: use whole rows
            args = (args[0], torch.full_like(args[1], args[0].shape[1 if args[2] else 0]), args[2])
        if func not in MAY_CROSS:
            tensors = [
                t for t in _tensors((args, kwargs)) if not (func in LENGTHS_ON_CPU and t.dtype == torch.int64)
            ]  # packed lengths live on the CPU
            if any(t.is_meta for t in tensors) and any(
                t.device.type == "cpu" and t.dim() > 0 for t in tensors
            ):
                raise AssertionError(
                    f"{getattr(func, '__name__', func)} mixes the model's device with the CPU"
                )
        return func(*args, **kwargs)


def _standin(t: torch.Tensor) -> torch.Tensor:
    return (
        torch.ones(t.shape, dtype=t.dtype) if t.is_floating_point() else torch.zeros(t.shape, dtype=t.dtype)
    )


def _names_cpu(args, kwargs) -> bool:
    return any(
        isinstance(a, (str, torch.device)) and torch.device(a).type == "cpu"
        for a in (*args, *kwargs.values())
    )


def _tensors(obj):
    if isinstance(obj, torch.Tensor):
        yield obj
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _tensors(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _tensors(item)


@pytest.fixture
def on_meta(monkeypatch):
    monkeypatch.setenv(device.ENV_DEVICE, "meta")
    assert device.pick_device() == META


def built(model: torch.nn.Module) -> torch.nn.Module:
    assert all(t.is_meta for t in (*model.parameters(), *model.buffers())), "build() ignored pick_device()"
    assert device.model_device(model) == META
    return model


def quiet(step, metrics):
    pass


# ----- one run of every verb of every demo: build, train (with on_step), trace and the views ------------
def run_mlp():
    cfg = mlp.Config(steps=5, dropout=0.2)
    model = built(mlp.build(cfg))
    mlp.train(model, toy2d.make("circles"), cfg, on_step=quiet)
    assert mlp_figures.surface_view(model)["output"].shape == (mlp_figures.GRID, mlp_figures.GRID)


def run_autoencoders():
    cfg, data = autoencoders.Config(steps=2, batch=8), datasets.digits()
    twins = built(autoencoders.build(cfg))
    autoencoders.train(twins, data, cfg, on_step=quiet)
    autoencoders.trace(twins.vae, torch.from_numpy(data.x_test[:3]))
    autoencoders.live_view(twins, data.x_test[:20])
    autoencoders.reconstruct(twins.ae, data.x_test[:2])
    autoencoders.test_elbo(twins.vae, data), autoencoders.test_recon_error(twins.ae, data)


def run_bptt():
    cfg = bptt.Config(steps=2, seq_len=6)
    model, data = built(bptt.build(cfg)), bptt.make_data(cfg)
    bptt.train(model, data, cfg, on_step=quiet)
    bptt.trace(model, data[0]), bptt.autograd_gradients(model, *data, cfg), bptt.hand_bptt(model, *data, cfg)
    bptt.gradient_flow(cfg)


def run_captioning():
    cfg = captioning.Config(steps=1, batch=2)
    model = built(captioning.build(cfg))
    captioning.train(model, np.random.default_rng(0), cfg, on_step=quiet)
    captioning.caption_view(model, scenes.batch(np.random.default_rng(0), 1)[0][0])


def run_char_rnn():
    data, cfg = char_rnn.TextData("hello world.\nanother line here\n"), char_rnn.Config(steps=2)
    model = built(char_rnn.build(cfg, len(data.vocab)))
    char_rnn.train(model, data, cfg, on_step=quiet)
    char_rnn.trace(model, torch.tensor([0, 1, 2]))
    (
        char_rnn.generate(model, "Sampling", max_len=5),
        char_rnn.generate(model, "Beam search", width=2, max_len=4),
    )
    char_rnn.hidden_trajectory(model, data.vocab, data.text, 20)


def run_digits_cnn():
    cfg, data = digits_cnn.Config(epochs=1, batch=512), datasets.digits()
    model = built(digits_cnn.build(cfg))
    digits_cnn.train(model, data, cfg, on_step=quiet)
    digits_cnn.trace(model, data.x_test[0]), digits_cnn.accuracy(model, data.x_test, data.y_test)


def run_gan2d():
    cfg = gan2d.Config(steps=2)
    model = built(gan2d.build(cfg))
    gan2d.train(model, None, cfg, on_step=quiet)
    gan2d.trace(model, gan2d.fixed_noise(cfg, 5))
    gan2d.view(model, cfg, gan2d.fixed_noise(cfg), gan2d.real_sample(cfg, None))


def run_gan_digits():
    cfg = gan_digits.Config(steps=2)
    model = built(gan_digits.build(cfg))
    gan_digits.train(model, datasets.digits(), cfg, on_step=quiet)
    gan_digits.trace(model, gan_digits.fixed_noise(cfg, 3))
    gan_digits.interpolate(
        gan_digits.frozen_generator(model), gan_digits.noise_for(1, 16), gan_digits.noise_for(2, 16)
    )


def run_lstm():
    for cell in lstm.CELLS:
        cfg = lstm.Config(cell=cell, steps=2, batch=4)
        model, task = built(lstm.build(cfg)), agreement.TASKS[cfg.task]
        lstm.train(model, task, cfg, on_step=quiet)
        lstm.trace(model, task.batch(np.random.default_rng(0), 1, 3)[0], lstm.Intervention(0.0, (1,), 2))
        lstm.accuracy(model, task, 2, n=4)


def run_rnn():
    cfg, data = rnn.Config(steps=2), rnn.HelloData()
    model = built(rnn.build(cfg))
    rnn.train(model, data, cfg, on_step=quiet)
    rnn.trace(model, data.inputs), rnn.weights(model), rnn.steps_to_learn(cfg)


def run_rnn_shapes():
    for variant in rnn_shapes.VARIANTS.values():
        cfg = rnn_shapes.Config(**{**variant.__dict__, "steps": 2, "batch_size": 4})
        model = built(rnn_shapes.build(cfg))
        rnn_shapes.train(model, None, cfg, on_step=quiet)
        sequence = [1, 0, 1] if cfg.shape == "many-to-one" else [3, 1, 2]
        rnn_shapes.explain(model, sequence), rnn_shapes.explain(model, sequence, mode="teacher")


def run_seq2seq():
    for attention in (True, False):
        cfg = seq2seq.Config(steps=2, batch=4, attention=attention)
        model = built(seq2seq.build(cfg))
        seq2seq.train(model, np.random.default_rng(0), cfg, on_step=quiet)
        seq2seq.rewrite(model, "3 may 1999"), seq2seq.evaluate_dates(model, n=4)


def run_transformer():
    cfg = transformer.Config(steps=2, batch=4)
    model = built(transformer.build(cfg))
    transformer.train(model, np.random.default_rng(0), cfg, on_step=quiet)
    transformer.trace(model, "ba|ab."), transformer.sort_word(model, "cab")


def run_why_gates():
    cfg = why_gates.Config(steps=2, batch=4)
    model, task = built(why_gates.build(cfg)), agreement.TASKS[cfg.task]
    why_gates.train(model, task, cfg, on_step=quiet)
    probe = why_gates.probes(task, 3, n=4)
    why_gates.view(model, probe), why_gates.trace(model, probe.long[0][:1])


def run_xo_net():
    cfg = xo_net.Config(steps=2, examples=8)
    model, data = built(xo_net.build(cfg)), xo_net.make_data(cfg)
    xo_net.train(model, data, cfg, on_step=quiet)
    xo_net.trace(model, data[0][0].numpy()), xo_net.accuracy(model, data)


RUNS = {
    f.__name__.removeprefix("run_"): f
    for f in (
        run_mlp,
        run_autoencoders,
        run_bptt,
        run_captioning,
        run_char_rnn,
        run_digits_cnn,
        run_gan2d,
        run_gan_digits,
        run_lstm,
        run_rnn,
        run_rnn_shapes,
        run_seq2seq,
        run_transformer,
        run_why_gates,
        run_xo_net,
    )
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_every_verb_runs_on_the_picked_device(name, on_meta):
    with OnMeta():
        RUNS[name]()


def test_the_stand_in_catches_a_cpu_tensor_fed_to_the_model(on_meta):
    model = mlp.build(mlp.Config())
    with OnMeta(), pytest.raises(AssertionError, match="mixes"):
        model(torch.zeros(3, 2))  # what a forgotten .to(device) does


@pytest.mark.filterwarnings("ignore:for .* copying from a non-meta parameter")  # meta keeps no values
def test_shipped_models_load_onto_the_picked_device(on_meta):
    from engine import assets, lstm_assets

    loaded = [
        digits_cnn.load_pretrained(),
        lstm_assets.load_pretrained("lstm_agreement")[0],
        rnn_shapes.load("rnn_many_to_one"),
        captioning.load_state(assets.load("captioner")[0]),
        seq2seq.load_state(assets.load("seq2seq_dates")[0]),
        gan_digits.load_asset(assets.load("gan_digits")[0]),
        transformer.load_state(assets.load("sorting_gpt")[0]),
        autoencoders.load_asset(assets.load("vae_digits_2d")[0], variational=True),
    ]
    for model in loaded:
        built(model)


@pytest.mark.slow
def test_the_imagenet_model_and_grad_cam_run_on_the_picked_device(on_meta):
    from engine import gradcam, imagenet

    model = built(imagenet.load_model())
    rgb = np.zeros((240, 320, 3), np.uint8)
    with OnMeta():
        x = imagenet.preprocess(rgb)
        imagenet.predict(model, x), imagenet.stage_features(model, x), imagenet.first_layer_filters(model)
        gradcam.explain(model, rgb, k=2)


def test_assets_train_on_the_cpu_whatever_the_device(on_meta, tmp_path):
    seen = []

    def train(quick):
        model = mlp.build(mlp.Config())
        seen.append(device.model_device(model))
        return model.state_dict(), {"data": "", "config": {}, "metrics": {}, "floors": {}}

    pretrain.build_asset("toy", pretrain.Asset(train=train, evaluate=dict), directory=tmp_path)
    assert seen == [torch.device("cpu")]
    assert device.pick_device() == META  # the override is put back afterwards


def test_on_the_cpu_nothing_is_copied():
    model = mlp.build(mlp.Config())
    assert device.placed(model) is model and device.model_device(model).type == "cpu"
    weight = model.output.weight
    assert np.shares_memory(device.to_numpy(weight), weight.detach().numpy())
    assert device.model_device(torch.nn.ReLU()) == torch.device("cpu")  # no parameters: the CPU
