"""The hand-unrolled "hello" RNN against nn.RNN, and the lecture's claims about it."""

import time

import numpy as np
import pytest
import torch
from torch import nn

from engine import rnn, rnn_figures


def _reference(model: rnn.HelloRNN) -> tuple[nn.RNN, nn.Linear]:
    """nn.RNN + nn.Linear holding exactly the hand-written model's weights."""
    hidden, vocab = model.W_xh.shape
    cell, head = nn.RNN(vocab, hidden, nonlinearity="tanh"), nn.Linear(hidden, vocab)
    with torch.no_grad():
        cell.weight_ih_l0.copy_(model.W_xh)
        cell.weight_hh_l0.copy_(model.W_hh)
        cell.bias_ih_l0.copy_(model.b_h)
        cell.bias_hh_l0.zero_()
        head.weight.copy_(model.W_hy)
        head.bias.copy_(model.b_y)
    return cell, head


@pytest.mark.parametrize("hidden", [1, 3, 8])
def test_hand_unrolled_rnn_equals_nn_rnn(hidden):
    model, data = rnn.build(rnn.Config(hidden_size=hidden, seed=7)), rnn.HelloData()
    cell, head = _reference(model)
    states, _ = cell(data.inputs.unsqueeze(1))  # (T, 1, H)
    ours = rnn.trace(model, data.inputs)
    np.testing.assert_allclose(ours["hidden.state"], states[:, 0].detach().numpy(), atol=1e-6)
    np.testing.assert_allclose(ours["output.scores"], head(states[:, 0]).detach().numpy(), atol=1e-6)


def test_gradients_equal_nn_rnn_autograd():
    model, data = rnn.build(rnn.Config(seed=1)), rnn.HelloData()
    cell, head = _reference(model)
    _, loss = model(data.inputs, data.targets)
    loss.backward()
    states, _ = cell(data.inputs.unsqueeze(1))
    ref = nn.functional.cross_entropy(head(states[:, 0]), data.targets, reduction="sum")
    ref.backward()
    assert loss.item() == pytest.approx(ref.item(), abs=1e-6)
    torch.testing.assert_close(model.W_hh.grad, cell.weight_hh_l0.grad)
    torch.testing.assert_close(model.W_xh.grad, cell.weight_ih_l0.grad)
    torch.testing.assert_close(model.W_hy.grad, head.weight.grad)


def test_lecture_data_and_untrained_oolo():
    data = rnn.HelloData()
    assert data.input_text == "hell" and data.target_text == "ello"
    assert data.inputs.argmax(1).tolist() == [0, 1, 2, 2]  # h e l l as one-hot over [h, e, l, o]
    assert data.targets.tolist() == [1, 2, 2, 3]  # e l l o
    untrained = rnn.trace(rnn.build(rnn.Config()), data.inputs)
    assert rnn.predicted_text(untrained["output.scores"]) == "oolo"  # the slide's wrong string


def test_default_seed_learns_ello_within_300_steps():
    rnn.warm_up()
    start = time.perf_counter()
    step = rnn.steps_to_learn(rnn.Config())
    assert step is not None and step <= 300
    assert time.perf_counter() - start < 2.0  # the budget, here without the UI
    model, data = rnn.build(rnn.Config()), rnn.HelloData()
    rnn.train(model, data, rnn.Config())
    assert rnn.predicted_text(rnn.trace(model, data.inputs)["output.scores"]) == "ello"


def test_train_reports_per_step_losses_summing_to_total_and_honours_stop():
    rows = []
    model = rnn.build(rnn.Config())
    rnn.train(
        model,
        rnn.HelloData(),
        rnn.Config(steps=50),
        on_step=lambda s, m: rows.append(m),
        stop=lambda: len(rows) >= 5,
    )
    assert len(rows) == 5
    for row in rows:
        assert row["loss"] == pytest.approx(sum(row[f"loss_t{t}"] for t in range(1, 5)), rel=1e-5)


def test_trace_is_pure_and_ends_with_the_output():
    model, data = rnn.build(rnn.Config()), rnn.HelloData()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    out = rnn.trace(model, data.inputs)
    assert list(out)[-1] == "output.scores"
    np.testing.assert_allclose(out["output.scores"], model(data.inputs)[0].detach().numpy(), atol=1e-6)
    np.testing.assert_allclose(out["output.probs"].sum(1), 1.0, atol=1e-6)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_equations_numbers_add_up():
    model, data = rnn.build(rnn.Config()), rnn.HelloData()
    out, w = rnn.trace(model, data.inputs), rnn.weights(model)
    pre = w["W_hh"] @ out["hidden.state"][1] + w["W_xh"] @ out["inputs.onehot"][2] + w["b_h"]
    np.testing.assert_allclose(pre, out["hidden.pre"][2], atol=1e-6)
    lines = rnn_figures.step_equations(out, w, 2, rnn.VOCAB)
    assert len(lines) == 2 and "h_{3}" in lines[0] and f"{out['hidden.state'][2][0]:.2f}" in lines[0]


def test_diagram_colours_target_green_and_others_red():
    model, data = rnn.build(rnn.Config()), rnn.HelloData()
    fig = rnn_figures.unrolled_diagram(
        rnn.trace(model, data.inputs), rnn.VOCAB, data.targets.tolist(), "hell"
    )
    cells = fig.data[0]
    colors = [c for hover, c in zip(cells.hovertext, cells.textfont.color) if hover.startswith("score y_1[")]
    assert colors == [rnn_figures.RED, rnn_figures.GREEN, rnn_figures.RED, rnn_figures.RED]  # target e


def test_heatmaps_and_hidden_cells_use_the_projects_diverging_scale():
    """One scale and one meaning of red (positive) in both views: no RdBu flipped by reversescale."""
    from engine.figures import DIVERGING, palette

    model = rnn.build(rnn.Config())
    fig = rnn_figures.weight_maps(rnn.weights(model), rnn.VOCAB)
    for heat in fig.data:
        assert palette_scale(heat.colorscale) == palette_scale(DIVERGING) and not heat.reversescale
    top = palette(DIVERGING)
    assert rnn_figures._blue_red(1.0) == "rgb({},{},{})".format(*top[-1])  # positive: the scale's red end
    assert rnn_figures._blue_red(-1.0) == "rgb({},{},{})".format(*top[0])


def palette_scale(name):
    """A named plotly scale as plotly expands it, to compare scales however they were written."""
    import plotly.graph_objects as go

    return go.Heatmap(colorscale=name).colorscale


def test_presenter_view_keeps_the_unrolled_diagram_to_scale():
    """Its cells and arrowheads are markers: enlarged 1.6x in presenter view they overlapped."""
    from pages.widgets.classroom import projector_style

    model, data = rnn.build(rnn.Config()), rnn.HelloData()
    fig = rnn_figures.unrolled_diagram(
        rnn.trace(model, data.inputs), rnn.VOCAB, data.targets.tolist(), "hell"
    )
    shown = projector_style(fig)
    assert shown.data[0].marker.size == rnn_figures.CELL
    assert list(shown.data[1].marker.size) == list(fig.data[1].marker.size)  # arrowheads as drawn


def test_the_unrolled_diagram_grows_to_scale_for_the_projector():
    model, data = rnn.build(rnn.Config()), rnn.HelloData()
    out = rnn.trace(model, data.inputs)
    small, big = (
        rnn_figures.unrolled_diagram(out, rnn.VOCAB, data.targets.tolist(), "hell", scale=k)
        for k in (1.0, 1.5)
    )
    assert big.data[0].marker.size == 45 and big.data[0].textfont.size == round(
        1.5 * small.data[0].textfont.size
    )
    assert big.layout.height == int(small.layout.height * 1.5)
