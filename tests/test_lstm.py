"""The written-out cells against PyTorch's own layers, and the lecture's equations one by one."""

import numpy as np
import pytest
import torch
from torch import nn

from engine.agreement import AGREEMENT, FIRST_SYMBOL
from engine.lstm import (
    NOTHING,
    Config,
    GRUCell,
    Intervention,
    LSTMCell,
    build,
    gru_from_torch,
    lstm_from_torch,
    run_cell,
    trace,
    train,
)


def _sequence(batch=3, steps=7, features=5, seed=0):
    return torch.randn(batch, steps, features, generator=torch.Generator().manual_seed(seed))  # (B, T, E)


def test_written_out_lstm_equals_nn_lstm():
    torch.manual_seed(1)
    reference = nn.LSTM(5, 4, batch_first=True)
    xs = _sequence()
    expected, (h_n, c_n) = reference(xs)  # (B, T, H), (1, B, H)
    h, records = run_cell(lstm_from_torch(reference), xs)
    torch.testing.assert_close(records["hidden"], expected, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(h, h_n[0], rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(records["cell_state"][:, -1], c_n[0], rtol=1e-5, atol=1e-6)


def test_written_out_gru_equals_nn_gru():
    torch.manual_seed(2)
    reference = nn.GRU(5, 4, batch_first=True)
    xs = _sequence(seed=3)
    expected, h_n = reference(xs)
    h, records = run_cell(gru_from_torch(reference), xs)
    torch.testing.assert_close(records["hidden"], expected, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(h, h_n[0], rtol=1e-5, atol=1e-6)


def test_the_equality_check_can_fail():
    torch.manual_seed(1)
    reference = nn.LSTM(5, 4, batch_first=True)
    cell = lstm_from_torch(reference)
    with torch.no_grad():
        cell.forget_gate.bias += 0.5
    expected, _ = reference(_sequence())
    assert not torch.allclose(run_cell(cell, _sequence())[1]["hidden"], expected, atol=1e-3)


def test_lstm_step_follows_the_lecture_equations():
    torch.manual_seed(4)
    cell = LSTMCell(3, 2)
    x, h, c = torch.randn(1, 3), torch.randn(1, 2), torch.randn(1, 2)
    hx = torch.cat([h, x], 1)
    f = torch.sigmoid(hx @ cell.forget_gate.weight.T + cell.forget_gate.bias)
    i = torch.sigmoid(hx @ cell.input_gate.weight.T + cell.input_gate.bias)
    c_tilde = torch.tanh(hx @ cell.candidate.weight.T + cell.candidate.bias)
    c_t = f * c + i * c_tilde
    o = torch.sigmoid(hx @ cell.output_gate.weight.T + cell.output_gate.bias)
    h_new, c_new, record = cell(x, h, c, NOTHING, torch.zeros(2, dtype=torch.bool))
    torch.testing.assert_close(c_new, c_t)
    torch.testing.assert_close(h_new, o * torch.tanh(c_t))
    torch.testing.assert_close(record["forget_gate"], f)


def test_coupled_gates_write_what_they_forget():
    torch.manual_seed(5)
    cell = LSTMCell(3, 2, "coupled")
    _, records = run_cell(cell, _sequence(1, 6, 3))
    f, c, c_tilde = records["forget_gate"], records["cell_state"], records["candidate"]
    previous = torch.cat([torch.zeros_like(c[:, :1]), c[:, :-1]], 1)
    torch.testing.assert_close(c, f * previous + (1 - f) * c_tilde)


def test_peephole_with_blind_peepholes_is_the_plain_lstm():
    torch.manual_seed(6)
    plain, peep = LSTMCell(3, 2), LSTMCell(3, 2, "peephole")
    with torch.no_grad():
        for name in ("forget_gate", "input_gate", "output_gate"):
            getattr(peep, name).weight.copy_(torch.cat([torch.zeros(2, 2), getattr(plain, name).weight], 1))
            getattr(peep, name).bias.copy_(getattr(plain, name).bias)
        peep.candidate.load_state_dict(plain.candidate.state_dict())
    xs = _sequence(2, 5, 3)
    torch.testing.assert_close(run_cell(peep, xs)[1]["hidden"], run_cell(plain, xs)[1]["hidden"])
    with torch.no_grad():
        peep.forget_gate.weight[:, :2] = 1.0  # now the gate sees C_{t-1}
    assert not torch.allclose(run_cell(peep, xs)[1]["hidden"], run_cell(plain, xs)[1]["hidden"])


def test_gru_in_the_lectures_form():
    torch.manual_seed(7)
    cell = GRUCell(3, 2)  # h~ = tanh(W·[r * h, x])
    x, h = torch.randn(1, 3), torch.randn(1, 2)
    hx = torch.cat([h, x], 1)
    z = torch.sigmoid(cell.update_gate(hx))
    r = torch.sigmoid(cell.relevance_gate(hx))
    w = torch.cat([cell.candidate_h.weight, cell.candidate_x.weight], 1)
    h_tilde = torch.tanh(torch.cat([r * h, x], 1) @ w.T + cell.candidate_h.bias + cell.candidate_x.bias)
    h_new, _, _ = cell(x, h, h, NOTHING, torch.zeros(2, dtype=torch.bool))
    torch.testing.assert_close(h_new, (1 - z) * h + z * h_tilde)


def test_clamping_forget_gate_to_one_keeps_the_cell_and_zero_at_wipes_it():
    torch.manual_seed(8)
    cell = LSTMCell(3, 2)
    xs = _sequence(1, 6, 3)
    _, kept = run_cell(cell, xs, Intervention(clamp=1.0, units=(0,)))
    assert torch.all(kept["forget_gate"][..., 0] == 1.0)
    assert not torch.all(kept["forget_gate"][..., 1] == 1.0)
    _, wiped = run_cell(cell, xs, Intervention(units=(1,), zero_at=2))
    assert wiped["cell_state"][0, 2, 1] == 0.0 and wiped["cell_state"][0, 2, 0] != 0.0


@pytest.mark.parametrize("kind", ["lstm", "peephole", "coupled", "gru", "rnn"])
def test_trace_has_stable_keys_ending_in_the_output_and_mutates_nothing(kind):
    model = build(Config(cell=kind, hidden=4, embed=3))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    ids = AGREEMENT.encode("The cats, which ate the fish, were full").ids  # (1, T)
    out = trace(model, ids)
    assert list(out)[-1] == "output"
    torch.testing.assert_close(torch.from_numpy(out["output"]), model(ids).detach())
    assert out["cell.hidden"].shape == (ids.shape[1], 4)
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_train_lowers_the_loss_and_honours_stop():
    cfg = Config(task="first_symbol", hidden=6, embed=4, max_gap=3, batch=32, steps=60, lr=0.03)
    model = build(cfg)
    losses = []
    train(model, FIRST_SYMBOL, cfg, on_step=lambda s, m: losses.append(m["loss"]))
    assert len(losses) == 60 and np.mean(losses[-10:]) < np.mean(losses[:10])
    seen = []
    train(build(cfg), FIRST_SYMBOL, cfg, on_step=lambda s, m: seen.append(s), stop=lambda: len(seen) >= 3)
    assert seen == [1, 2, 3]


def test_build_is_seeded():
    a, b = build(Config(seed=3)), build(Config(seed=3))
    assert all(torch.equal(a.state_dict()[k], b.state_dict()[k]) for k in a.state_dict())


def test_the_pages_reader_names_what_it_cannot_read_and_cuts_long_text_at_a_word():
    from engine import lstm_gates_text
    from engine.agreement import TASKS

    agreement, symbols = TASKS["agreement"], TASKS["first_symbol"]
    read = lstm_gates_text.read(agreement, "The cats 🐱, which ate 猫 near the dog 👨‍👩‍👧, were full.")
    assert read.unknown == ("🐱", "猫", "👨‍👩‍👧") and read.expected == 1  # read as <unk>, listed
    assert len(read.tokens) == read.ids.shape[1] == 12
    long = "The cat, which " + "often " * 80 + "ate, was"
    read = lstm_gates_text.read(agreement, long)
    assert read.notes[0].startswith(f"your text has {len(long)} characters and only the first")
    assert "“…often often often”" in read.notes[0] and read.expected is None  # the verb was past the cut
    assert lstm_gates_text.read(symbols, "b 👨‍👩‍👧 3").unknown == ("👨‍👩‍👧",)  # one symbol, not three
    assert lstm_gates_text.read(agreement, "cats").tokens == ("cats",)
