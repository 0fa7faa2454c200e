"""Shapes of RNNs: the shipped networks solve their tasks, and the shapes behave as the lecture says."""

import pytest
import torch

from engine import rnn_shapes as shapes

NAMES = list(shapes.VARIANTS)


@pytest.fixture(scope="module")
def nets():
    return {name: shapes.load(name) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_shipped_networks_meet_their_floors(nets, name):
    card = shapes.card(name)
    accuracy = shapes.accuracy(nets[name], count=100, seed=7)
    assert accuracy >= card["floors"]["accuracy"]


def test_bidirectional_sees_the_future_and_unidirectional_cannot(nets):
    sequence = [1, 2, 9, 0, 8, 3]  # at t=2 the answer 9 is still in the future
    uni = shapes.explain(nets["rnn_many_to_many"], sequence)
    bi = shapes.explain(nets["rnn_many_to_many_bi"], sequence)
    assert bi.answer == bi.expected == "299988"
    assert (
        shapes.accuracy(nets["rnn_many_to_many_bi"], 100)
        > shapes.accuracy(nets["rnn_many_to_many"], 100) + 0.5
    )
    assert set(bi.states) == {"hidden.forward", "hidden.backward"} and "hidden.backward" not in uni.states


def test_free_running_carries_an_error_teacher_forcing_does_not(nets):
    net = nets["rnn_one_to_many_output"]
    assert shapes.explain(net, [4]).answer == "3210⏎"
    free = shapes.explain(net, [4], "free", force_first=7)
    teacher = shapes.explain(net, [4], "teacher", force_first=7)
    assert free.answer == "76543210⏎"  # its own wrong output is fed back: it counts down from 7
    assert teacher.answer == "7210⏎"  # the true previous output is fed: back on track
    assert teacher.inputs[1] == "3" and free.inputs[1] == "7"


def test_state_only_and_encoder_decoder_and_many_to_one(nets):
    assert shapes.explain(nets["rnn_one_to_many_state"], [6]).answer == "543210⏎"
    assert shapes.explain(nets["rnn_many_to_one"], [1, 0, 1, 1, 0, 1]).answer == "4"
    s2s = shapes.explain(nets["rnn_encoder_decoder"], [2, 4, 6, 8])
    assert s2s.answer == "8642⏎" and s2s.encoder_steps == 4
    assert s2s.inputs[4] == "·" and s2s.outputs[:4] == [None] * 4


def test_trace_ends_with_the_output_and_parse_refuses_bad_input():
    net = shapes.build(shapes.Config("many-to-many", hidden_size=8))
    x = torch.tensor([[1, 2, 3]])
    out = shapes.trace(net, x)
    assert list(out)[-1] == "output.scores"
    torch.testing.assert_close(torch.from_numpy(out["output.scores"]), net(x)[0][0].detach())
    assert shapes.parse(" 1 0,1 ", "01", 10) == [1, 0, 1]
    for text, message in (("12a", "Use only"), ("", "between"), ("0" * 11, "between")):
        with pytest.raises(ValueError, match=message):
            shapes.parse(text, "01", 10)


def test_many_to_one_writes_a_count_of_ten_as_10_not_the_end_symbol(nets):
    ten = shapes.explain(nets["rnn_many_to_one"], [1] * 10)
    assert ten.expected == "10"  # token 10 is the count here, not ⏎
    assert shapes.label(shapes.END, "many-to-one") == "10" and shapes.label(shapes.END) == "⏎"
    assert "⏎" not in ten.answer + "".join(o or "" for o in ten.outputs)


def test_state_maps_use_the_projects_diverging_scale():
    import numpy as np
    import plotly.graph_objects as go

    from engine import rnn_shapes_figures
    from engine.figures import DIVERGING

    heat = rnn_shapes_figures.states_map(np.zeros((3, 4)), "h", ["1", "2", "3"]).data[0]
    assert (
        go.Heatmap(colorscale=heat.colorscale).colorscale == go.Heatmap(colorscale=DIVERGING).colorscale
        and not heat.reversescale
    )


def test_presenter_view_keeps_the_shape_diagrams_to_scale():
    from engine import rnn_shapes_figures
    from pages.widgets.classroom import projector_style

    fig = rnn_shapes_figures.shape_diagram("one-to-many", ["5", "4"], ["4", "⏎"], [True, True], fed_back=True)
    boxes = next(t for t in projector_style(fig).data if t.mode == "markers+text")
    assert boxes.marker.size == 34


def test_deck_000s_net_passes_only_y_to_the_future(nets):
    """h_t = tanh(W x_t + U y_{t-1}): no h_{t-1} -> h_t. Under teacher forcing a step's state depends on its
    own input alone; the net that also passes h carries a changed first input into every later state."""
    only_y, y_and_h = nets["rnn_one_to_many_output_only"], nets["rnn_one_to_many_output"]
    assert not hasattr(only_y, "rnn") and not shapes.explain(only_y, [5]).state_passed
    five, nine = shapes.example(only_y.cfg, [5])[0], shapes.example(only_y.cfg, [5])[0].clone()
    nine[0, 0] = 9  # another n, the same fed-back outputs
    for net, isolated in ((only_y, True), (y_and_h, False)):
        later = [shapes.trace(net, x)["hidden.forward"][1:] for x in (five, nine)]
        assert torch.allclose(torch.from_numpy(later[0]), torch.from_numpy(later[1])) == isolated


def test_both_halves_of_the_slide_less_powerful_but_each_step_in_isolation(nets):
    rows = {r["feedback"]: r for r in shapes.compare_feedback(lambda name: nets[name])}
    assert rows["output-only"]["countdown"] == 10 and rows["output-only"]["countup"] <= 3  # y cannot count up
    assert rows["state"]["countup"] == rows["output"]["countup"] == 10
    assert rows["output-only"]["reach"] == 1  # trains in isolation
    assert (
        rows["state"]["reach"] == rows["output"]["reach"] == rows["state"]["steps"] == 6
    )  # BPTT reaches all
    assert shapes.explain(nets["rnn_count_up_output_only"], [5]).answer == "01234567⏎"  # misses the stop


def test_the_diagram_of_the_output_only_net_has_no_state_arrow():
    from engine import rnn_shapes_figures

    args = ("one-to-many", ["5", "0", "1"], ["0", "1", "⏎"], [True, True, True])
    passed = rnn_shapes_figures.shape_diagram(*args, fed_back=True)
    only_y = rnn_shapes_figures.shape_diagram(*args, fed_back=True, state_passed=False)
    colors = lambda fig: {t.line.color for t in fig.data if t.mode == "lines+markers"}  # noqa: E731
    assert "#e08a00" in colors(passed) and "#e08a00" not in colors(only_y)  # h_{t-1} -> h_t arrows


def test_the_diagram_grows_to_scale_for_the_projector():
    from engine import rnn_shapes_figures

    args = ("one-to-many", ["5", "4"], ["4", "⏎"], [True, True])
    small, big = (rnn_shapes_figures.shape_diagram(*args, scale=k) for k in (1.0, 1.5))
    box = lambda fig: next(t for t in fig.data if t["mode"] == "markers+text")  # noqa: E731
    assert box(big)["marker"]["size"] == 51 and box(big)["textfont"]["size"] == 21
    assert big.layout.height == 1.5 * small.layout.height
