"""'Everyone use seed 3' gives everyone the same model, however many students build at once."""

import threading

import torch
import torch.nn as nn

from engine import seeding
from engine.seeding import seeded


def build(seed: int) -> torch.Tensor:
    with seeded(seed):
        layers = nn.Sequential(
            *[nn.Linear(64, 64) for _ in range(12)]
        )  # many draws: threads switch in between
    return torch.cat([p.detach().reshape(-1) for p in layers.parameters()])


def test_builds_with_one_seed_agree_while_other_threads_build_with_other_seeds():
    reference = build(0)
    mismatches, lock = [], threading.Lock()

    def student(seed: int) -> None:
        for _ in range(30):
            weights = build(seed)
            if seed == 0 and not torch.equal(weights, reference):
                with lock:
                    mismatches.append(seed)

    threads = [
        threading.Thread(target=student, args=(seed % 2 * seed,)) for seed in range(8)
    ]  # 0, 1, 0, 3 ...
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert mismatches == []


def lock_is_free_from_another_thread() -> bool:
    result = []

    def probe() -> None:
        got = seeding._GLOBAL_RNG.acquire(timeout=1.0)
        result.append(got)
        if got:
            seeding._GLOBAL_RNG.release()

    thread = threading.Thread(target=probe)
    thread.start()
    thread.join()
    return result[0]


def test_training_does_not_hold_the_global_generator_so_other_students_can_build():
    from engine import datasets, digits_cnn, xo_net

    seen = []
    model = digits_cnn.build(digits_cnn.Config())
    digits_cnn.train(
        model,
        datasets.digits(),
        digits_cnn.Config(epochs=1),
        on_step=lambda step, metrics: seen.append(lock_is_free_from_another_thread()),
        stop=lambda: len(seen) >= 2,
    )
    net = xo_net.build(xo_net.Config())
    xo_net.train(
        net,
        xo_net.make_data(xo_net.Config()),
        xo_net.Config(steps=2),
        on_step=lambda step, metrics: seen.append(lock_is_free_from_another_thread()),
    )
    assert seen and all(seen)
