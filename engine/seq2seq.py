"""Encoder-decoder translation of human dates to ISO dates, with or without attention.

Encoder: a bidirectional GRU reads the characters and leaves one annotation h_j per character.
Without attention (Cho et al. 2014) the decoder only gets the encoder's final state: the whole
sentence squeezed into one vector (the bottleneck). With attention (Bahdanau et al. 2015) it
looks back, before every output symbol t, at a weighted mix of all the h_j:
    e_tj = v . tanh(W s_{t-1} + U h_j);  alpha_tj = softmax_j(e_tj);  c_t = sum_j alpha_tj h_j
Two tasks: dates (a fixed, small amount to remember however long the text) and writing a digit
string backwards (more to remember the longer it is: where the one-vector bottleneck shows).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from engine import dates
from engine.device import model_device, placed, to_numpy
from engine.pretrain import Asset
from engine.seeding import seeded


@dataclass(frozen=True)
class Config:
    task: str = "dates"  # "dates": human dates -> ISO; "reverse": a digit string written backwards
    attention: bool = True
    embed: int = 32
    hidden: int = 48  # per direction: annotations have 2 * hidden numbers
    align: int = 48  # size of the attention's hidden layer
    steps: int = 1200
    batch: int = 64
    lr: float = 3e-3
    seed: int = 0


class Seq2Seq(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.use_attention = cfg.attention
        both = 2 * cfg.hidden
        self.embed_in = nn.Embedding(len(dates.INPUT_VOCAB), cfg.embed, padding_idx=dates.PAD)
        self.encoder = nn.GRU(cfg.embed, cfg.hidden, batch_first=True, bidirectional=True)
        self.embed_out = nn.Embedding(len(dates.OUTPUT_VOCAB), cfg.embed)
        self.init = nn.Linear(both, both)
        self.W = nn.Linear(both, cfg.align, bias=False)
        self.U = nn.Linear(both, cfg.align)
        self.v = nn.Linear(cfg.align, 1, bias=False)
        self.decoder = nn.GRUCell(cfg.embed + both, both)
        self.out = nn.Linear(both + both, len(dates.OUTPUT_VOCAB))

    def encode(self, inputs: torch.Tensor):
        """(B, S) ids -> annotations (B, S, 2H), mask (B, S), summary (B, 2H), first state (B, 2H)."""
        mask = inputs != dates.PAD  # (B, S)
        lengths = mask.sum(1).clamp(min=1)  # (B,)
        packed = nn.utils.rnn.pack_padded_sequence(
            self.embed_in(inputs), lengths.cpu(), batch_first=True, enforce_sorted=False
        )
        out, last = self.encoder(packed)  # last: (2, B, H)
        annotations, _ = nn.utils.rnn.pad_packed_sequence(
            out, batch_first=True, total_length=inputs.shape[1]
        )  # (B, S, 2H)
        summary = torch.cat([last[0], last[1]], -1)  # (B, 2H)
        return annotations, mask, summary, torch.tanh(self.init(summary))

    def attend(self, annotations, mask, keys, s):
        scores = self.v(torch.tanh(self.W(s)[:, None] + keys)).squeeze(-1)  # (B, S)
        alpha = scores.masked_fill(~mask, float("-inf")).softmax(-1)  # (B, S)
        return alpha, torch.einsum("bs,bsd->bd", alpha, annotations)  # (B, S), (B, 2H)

    def step(self, memory, word, s):
        """One output symbol: look (or not), update the decoder state, score the next symbol."""
        annotations, mask, summary, keys = memory
        if self.use_attention:
            alpha, context = self.attend(annotations, mask, keys, s)
        else:  # the same fixed summary every step: no looking back
            alpha, context = torch.zeros_like(mask, dtype=s.dtype), summary
        s = self.decoder(torch.cat([self.embed_out(word), context], -1), s)  # (B, 2H)
        return self.out(torch.cat([s, context], -1)), alpha, s  # (B, V_out)

    def start(self, inputs):
        annotations, mask, summary, s = self.encode(inputs)
        return (annotations, mask, summary, self.U(annotations)), s

    def forward(self, inputs: torch.Tensor, targets_in: torch.Tensor) -> torch.Tensor:
        """Teacher forcing: (B, S), (B, T) -> logits (B, T, V_out)."""
        memory, s = self.start(inputs)
        logits = []
        for t in range(targets_in.shape[1]):
            step_logits, _, s = self.step(memory, targets_in[:, t], s)
            logits.append(step_logits)
        return torch.stack(logits, 1)


def build(cfg: Config = Config()) -> Seq2Seq:
    with seeded(cfg.seed):
        return placed(Seq2Seq(cfg))


def train(model: Seq2Seq, data: np.random.Generator, cfg: Config, on_step=None, stop=None) -> Seq2Seq:
    """Fresh random dates every step (`data` is the generator's rng); cross-entropy per symbol."""
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=cfg.lr, total_steps=max(cfg.steps, 2))
    model.train()
    device = model_device(model)
    for step in range(1, cfg.steps + 1):
        if stop is not None and stop():
            break
        inputs, targets, _, _ = (dates.batch if cfg.task == "dates" else digit_batch)(data, cfg.batch)
        inputs, targets = (
            torch.from_numpy(inputs).to(device),
            torch.from_numpy(targets).to(device),
        )  # (B, S), (B, T+1)
        logits = model(inputs, targets[:, :-1])  # (B, T, V)
        loss = F.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), targets[:, 1:].reshape(-1), ignore_index=dates.PAD
        )
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        sched.step()
        if on_step is not None:
            on_step(step, {"loss": float(loss.detach())})
    model.eval()
    return model


@torch.no_grad()
def translate(
    model: Seq2Seq, inputs: torch.Tensor, steps: int = dates.OUTPUT_LEN + 1
) -> dict[str, torch.Tensor]:
    """Greedy decoding: tokens (B, steps), alignment (B, steps, S), logits (B, steps, V_out)."""
    inputs = inputs.to(model_device(model))
    memory, s = model.start(inputs)
    word = torch.full((inputs.shape[0],), dates.START, dtype=torch.long, device=inputs.device)
    tokens, alphas, logits = [], [], []
    for _ in range(steps):
        step_logits, alpha, s = model.step(memory, word, s)
        word = step_logits.argmax(-1)  # (B,)
        tokens.append(word)
        alphas.append(alpha)
        logits.append(step_logits)
    return {
        "tokens": torch.stack(tokens, 1),
        "alignment": torch.stack(alphas, 1),
        "logits": torch.stack(logits, 1),
    }


def trace(model: Seq2Seq, text: str, steps: int = dates.OUTPUT_LEN + 1) -> dict[str, np.ndarray]:
    """One input: encoder.annotations (S, 2H), decoder.tokens (steps,), decoder.alignment (steps, S),
    decoder.logits (steps, V_out): the model's output symbol scores."""
    inputs = torch.from_numpy(dates.pad_inputs([text])).to(model_device(model))  # (1, S)
    was_training = model.training
    model.eval()
    with torch.no_grad():
        annotations = model.encode(inputs)[0]
    out = translate(model, inputs, steps)
    model.train(was_training)
    return {
        "encoder.annotations": to_numpy(annotations[0]),
        "decoder.tokens": to_numpy(out["tokens"][0]),
        "decoder.alignment": to_numpy(out["alignment"][0]),
        "decoder.logits": to_numpy(out["logits"][0]),
    }


def rewrite(model: Seq2Seq, text: str, steps: int = dates.OUTPUT_LEN + 1) -> dict:
    """What the page shows for one input: the answer, its characters and the alignment matrix."""
    record = trace(model, text, steps)
    answer = dates.decode_output(record["decoder.tokens"])
    shown = len(answer) + 1 if len(answer) < len(record["decoder.tokens"]) else len(answer)
    outputs = [dates.OUTPUT_VOCAB[int(t)] for t in record["decoder.tokens"][:shown]]
    return {
        "answer": answer,
        "outputs": outputs,
        "inputs": list(text.lower()[: dates.MAX_INPUT]),
        "alignment": record["decoder.alignment"][:shown],
    }


# ----- checks used by the asset cards and the tests -----------------------------------------------

LENGTH_BINS = ((8, 10), (11, 14), (15, 19), (20, 24), (25, 29), (30, 40))


def evaluate_dates(model: Seq2Seq, n: int = 2000, seed: int = 4242) -> dict[str, float]:
    """Exact-match accuracy on held-out dates, overall and per input-length bin."""
    rng = np.random.default_rng(seed)
    inputs, _, texts, answers = dates.batch(rng, n)
    tokens = translate(model.eval(), torch.from_numpy(inputs))["tokens"].cpu()
    right = np.array([dates.decode_output(t) == a for t, a in zip(tokens, answers)])
    lengths = np.array([len(t) for t in texts])
    metrics = {"exact_match": float(right.mean())}
    for lo, hi in LENGTH_BINS:
        chosen = (lengths >= lo) & (lengths <= hi)
        metrics[f"length_{lo}_{hi}"] = float(right[chosen].mean()) if chosen.any() else float("nan")
    return metrics


DIGITS = "0123456789"
REVERSE_LENGTHS = (3, 20)  # shortest and longest digit strings of the reverse task


def digit_batch(rng: np.random.Generator, n: int, lengths: tuple[int, int] = REVERSE_LENGTHS):
    """The reverse task: inputs (n, S) digit strings, targets (n, 22) = <start> reversed <end> <pad>..."""
    texts = [
        "".join(rng.choice(list(DIGITS), int(rng.integers(lengths[0], lengths[1] + 1)))) for _ in range(n)
    ]
    answers = [t[::-1] for t in texts]
    targets = np.full((n, lengths[1] + 2), dates.PAD, np.int64)
    for row, answer in enumerate(answers):
        ids = [dates.START, *(dates.OUT_INDEX[c] for c in answer), dates.END]
        targets[row, : len(ids)] = ids
    return dates.pad_inputs(texts), targets, texts, answers


def evaluate_reverse(model: Seq2Seq, n: int = 1500, seed: int = 4343) -> dict[str, float]:
    """Exact-match accuracy on held-out digit strings, overall and for each length."""
    inputs, _, texts, answers = digit_batch(np.random.default_rng(seed), n)
    tokens = translate(model.eval(), torch.from_numpy(inputs), REVERSE_LENGTHS[1] + 1)["tokens"].cpu()
    right = np.array([dates.decode_output(t) == a for t, a in zip(tokens, answers)])
    lengths = np.array([len(t) for t in texts])
    metrics = {"exact_match": float(right.mean())}
    for length in range(REVERSE_LENGTHS[0], REVERSE_LENGTHS[1] + 1):
        metrics[f"length_{length}"] = float(right[lengths == length].mean())
    return metrics


def check_digits(text: str) -> str:
    """A user's digit string for the reverse task; ValueError in plain words when unusable."""
    digits = "".join(text.split())
    lo, hi = REVERSE_LENGTHS
    if not digits or any(c not in DIGITS for c in digits):
        raise ValueError("Type digits only, for example 31415926.")
    if not lo <= len(digits) <= hi:
        raise ValueError(
            f"That is {len(digits)} digit{'' if len(digits) == 1 else 's'}; the models were trained "
            f"on strings of {lo} to {hi} digits."
        )
    return digits


def load_state(state, attention: bool = True) -> Seq2Seq:
    model = Seq2Seq(replace(Config(), attention=attention))
    model.load_state_dict(state)
    return placed(model).eval()


def _asset(task: str, attention: bool, floor: float) -> Asset:
    evaluate = evaluate_dates if task == "dates" else evaluate_reverse
    data = (
        "random dates 1950-2049 written 14 human ways (engine/dates.py), fresh every step; held-out "
        "test: 2000 dates from seed 4242"
        if task == "dates"
        else f"random digit strings of {REVERSE_LENGTHS[0]}-{REVERSE_LENGTHS[1]} digits to write backwards, "
        "fresh every step; held-out test: 1500 strings from seed 4343"
    )

    def train_asset(quick: bool):
        cfg = replace(Config(), task=task, attention=attention, steps=20 if quick else Config.steps)
        model = build(cfg)
        with seeded(cfg.seed):
            train(model, np.random.default_rng(cfg.seed), cfg)
        card = {
            "data": data,
            "config": asdict(cfg),
            "metrics": evaluate(model, n=200 if quick else 2000 if task == "dates" else 1500),
            "floors": {"exact_match": floor},
        }
        return model.state_dict(), card

    return Asset(
        train=train_asset,
        evaluate=lambda state: evaluate(load_state(state, attention)),
        description=f"{task}: encoder-decoder {'with' if attention else 'without'} attention",
    )


PRETRAINED = {
    "seq2seq_dates": _asset("dates", True, 0.97),
    "seq2seq_dates_plain": _asset("dates", False, 0.9),
    "seq2seq_reverse": _asset("reverse", True, 0.97),
    "seq2seq_reverse_plain": _asset("reverse", False, 0.45),
}
