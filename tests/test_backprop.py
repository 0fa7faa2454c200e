"""Backprop by hand (the lecture's a_j, x_j, g_j) against PyTorch autograd, node by node."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine import backprop

TORCH = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "ReLU": F.relu,
    "leaky ReLU": lambda a: F.leaky_relu(a, 0.1),
    "ELU": F.elu,
}


@pytest.mark.parametrize("name", list(TORCH))
def test_activation_and_derivative_match_autograd(name):
    a = torch.linspace(-5, 5, 1001, dtype=torch.float64).requires_grad_()
    a_np = a.detach().numpy()
    value, slope = backprop.activation(name, a_np)
    TORCH[name](a).sum().backward()
    np.testing.assert_allclose(value, TORCH[name](a).detach().numpy(), atol=1e-12)
    np.testing.assert_allclose(slope, a.grad.numpy(), atol=1e-12)


def test_step_has_no_gradient_anywhere_and_saturation_is_where_the_lecture_says():
    assert np.all(backprop.activation("step", np.linspace(-5, 5, 11))[1] == 0)
    assert backprop.saturated_regions("step") == [(-5.0, 5.0)]
    assert backprop.saturated_regions("leaky ReLU") == []  # "no constant regimes at all"
    relu = backprop.saturated_regions("ReLU")
    assert relu[0][0] == -5.0 and relu[0][1] == pytest.approx(0.0, abs=0.01) and len(relu) == 1  # one-sided
    sigmoid = backprop.saturated_regions("sigmoid")  # both sides
    assert len(sigmoid) == 2 and sigmoid[0][1] == pytest.approx(-2.06, abs=0.02)  # sigma(1 - sigma) = 0.1


@pytest.mark.parametrize("name", list(TORCH))
@pytest.mark.parametrize("seed, x, target", [(0, (1.0, -0.5), 0), (3, (-1.5, 2.0), 1), (7, (0.3, 0.1), 1)])
def test_every_g_and_weight_gradient_equals_autograd(name, seed, x, target):
    model = backprop.build(backprop.Config(activation=name, hidden=4, seed=seed))
    ours = backprop.backward(model, np.array(x), target)
    w1, b1, w2, b2 = (
        torch.tensor(v, dtype=torch.float64, requires_grad=True)
        for v in (model.w1, model.b1, model.w2, model.b2)
    )
    inputs = torch.tensor(x, dtype=torch.float64)
    hidden_a = inputs @ w1 + b1
    hidden_a.retain_grad()
    output_a = TORCH[name](hidden_a) @ w2 + b2
    output_a.retain_grad()
    loss = F.cross_entropy(output_a[None], torch.tensor([target]))
    loss.backward()
    assert float(ours["loss"]) == pytest.approx(loss.item())
    np.testing.assert_allclose(ours["output.x"], torch.softmax(output_a, 0).detach().numpy())
    np.testing.assert_allclose(ours["output.g"], output_a.grad.numpy(), atol=1e-12)
    np.testing.assert_allclose(ours["hidden.g"], hidden_a.grad.numpy(), atol=1e-12)
    for key, param in (("w1.grad", w1), ("b1.grad", b1), ("w2.grad", w2), ("b2.grad", b2)):
        np.testing.assert_allclose(ours[key], param.grad.numpy(), atol=1e-12)


def test_gradient_steps_lower_the_loss_and_trace_ends_with_the_output():
    cfg = backprop.Config(activation="tanh", steps=20, learning_rate=0.5)
    example = backprop.Example(x=(1.0, -0.5), target=1)
    losses = []
    model = backprop.train(backprop.build(cfg), example, cfg, on_step=lambda s, m: losses.append(m["loss"]))
    assert len(losses) == 20 and losses[-1] < losses[0] / 2
    record = backprop.trace(model, np.array(example.x))
    assert list(record)[-1] == "output.x" and record["output.x"].sum() == pytest.approx(1.0)


def test_the_node_table_as_markdown_holds_every_number_of_the_record():
    from engine.backprop_figures import node_table_markdown

    cfg = backprop.Config(activation="tanh", hidden=3, seed=2)
    record = backprop.backward(backprop.build(cfg), [1.0, -0.5], 1)
    rows = node_table_markdown(record).splitlines()
    assert len(rows) == 2 + 3 + 2  # header, rule, h1..h3, y1, y2
    h2 = [cell.strip() for cell in rows[3].strip("|").split("|")]
    assert h2[0] == "**h2**" and float(h2[1]) == pytest.approx(record["hidden.a"][1], abs=5e-5)
    assert float(h2[4]) == pytest.approx(record["hidden.g"][1], abs=5e-5)
    assert rows[-1].split("|")[4].strip() == ""  # outputs have no f'(a) column
