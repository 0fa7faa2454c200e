"""3-D convolution == torch's conv3d; the clip moves as asked; motion kernels tell the direction."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from engine import conv3d as c3
from engine.datasets import digits


@pytest.mark.parametrize("seed", range(6))
def test_convolve3d_equals_torch(seed):
    rng = np.random.default_rng(seed)
    clip = rng.normal(size=(int(rng.integers(3, 9)), 12, 11)).astype(np.float32)
    kernel = rng.normal(size=(int(rng.integers(1, 4)), 3, 3)).astype(np.float32)
    stride, padding = int(rng.integers(1, 3)), int(rng.integers(0, 2))
    ref = F.conv3d(
        torch.from_numpy(clip)[None, None],
        torch.from_numpy(kernel)[None, None],
        stride=(1, stride, stride),
        padding=(0, padding, padding),
    )[0, 0].numpy()
    np.testing.assert_allclose(c3.convolve3d(clip, kernel, stride, padding), ref, rtol=1e-4, atol=1e-4)


def test_the_clip_moves_the_digit():
    digit = digits().x_test[0]
    clip = c3.make_clip(digit, frames=5, direction="right", speed=2)
    assert clip.shape == (5, 16, 16)
    np.testing.assert_array_equal(clip[1][:, 2:10], clip[0][:, 0:8])  # two pixels further right
    assert all(np.isclose(frame.sum(), digit.sum()) for frame in clip)
    with pytest.raises(ValueError):
        c3.convolve3d(clip[:2], c3.KERNELS["3-D blur (3 frames)"])


def test_motion_kernels_answer_most_to_their_own_direction():
    digit = digits().x_test[3]
    for kernel_name, direction in (
        ("moving right", "right"),
        ("moving left", "left"),
        ("moving down", "down"),
    ):
        responses = {
            d: c3.response_over_time(c3.convolve3d(c3.make_clip(digit, 8, d), c3.KERNELS[kernel_name])).mean()
            for d in ("right", "left", "down", "up", "still")
        }
        assert max(responses, key=responses.get) == direction, (kernel_name, responses)
    blur = c3.direction_responses(digit, c3.KERNELS["2-D blur (1 frame)"])
    assert max(blur.values()) - min(blur.values()) < 0.02 * max(
        blur.values()
    )  # 2-D: blind to motion (borders aside)
    still = c3.convolve3d(c3.make_clip(digit, 6, "still"), c3.KERNELS["change over time (next - this frame)"])
    assert np.abs(still).max() == 0  # nothing moves, nothing changes
