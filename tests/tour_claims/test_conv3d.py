"""Every number the 3-D convolution tour claims, recomputed with the page's engine and
each scene's settings."""

import functools

import numpy as np

from engine import conv3d as c3
from engine import tours
from engine.datasets import digits

P = "conv3d"
SCENES = tours.load(P)


@functools.lru_cache(maxsize=1)
def example_digits() -> dict[int, np.ndarray]:
    """As the page picks them: the first held-out example of every digit."""
    data = digits()
    return {d: data.x_test[np.nonzero(data.y_test == d)[0][0]] for d in range(10)}


def setting(scene: tours.Scene) -> dict:
    return {key.removeprefix(f"{P}-"): value for key, value in scene.settings.items()}


def run(scene: tours.Scene, **changed) -> tuple[np.ndarray, np.ndarray]:
    s = setting(scene) | changed
    clip = c3.make_clip(example_digits()[s["digit"]], s["frames"], s["direction"], s["speed"])  # (T, 16, 16)
    return clip, c3.convolve3d(clip, c3.KERNELS[s["kernel"]], s["stride"], s["padding"])


def answers(scene: tours.Scene) -> dict[str, float]:
    """The last chart: the kernel's mean answer to the digit moving each way."""
    s = setting(scene)
    return c3.direction_responses(
        example_digits()[s["digit"]],
        c3.KERNELS[s["kernel"]],
        s["frames"],
        max(s["speed"], 1),
        s["stride"],
        s["padding"],
    )


def test_scene_1_a_2d_kernel_answers_the_same_every_way():
    scene = SCENES[0]
    clip, output = run(scene)
    assert "crosses the 16 x 16 screen, one pixel per frame" in scene.narration
    assert clip.shape[1:] == (16, 16) and setting(scene)["speed"] == 1
    assert "1 x 3 x 3" in scene.narration and c3.KERNELS[setting(scene)["kernel"]].shape == (1, 3, 3)
    assert "T' = 8 − 1 + 1 = 8 output frames" in scene.narration and output.shape[0] == 8
    assert "the same, about 16, whichever way the digit moves" in scene.narration
    assert {round(v) for v in answers(scene).values()} == {16}


def test_scene_2_a_3x3x3_kernel_gives_6_frames():
    scene = SCENES[1]
    assert "This 3 x 3 x 3 kernel spans 3 frames, so T' = 8 − 3 + 1 = 6" in scene.narration
    assert c3.KERNELS[setting(scene)["kernel"]].shape == (3, 3, 3) and run(scene)[1].shape[0] == 6


def test_scene_3_change_over_time_is_zero_when_still():
    scene = SCENES[2]
    assert "A 2 x 3 x 3 kernel" in scene.narration and c3.KERNELS[setting(scene)["kernel"]].shape == (2, 3, 3)
    _, output = run(scene)
    assert output.max() > 0 and output.min() < 0  # red arrives, blue leaves
    assert "every output frame turns white, all zeros" in scene.narration
    assert np.all(run(scene, direction="still")[1] == 0)


def test_scene_4_the_moving_right_kernel_answers_each_way():
    scene = SCENES[3]
    a = answers(scene)
    assert (
        f"answers {a['right']:.1f} to the digit moving right, against {a['left']:.1f} moving left"
        in scene.narration
    ) and (round(a["right"], 1), round(a["left"], 1)) == (25.4, 16.9)
    others = [a[d] for d in ("up", "down", "still")]
    low, high = min(others), max(others)
    assert f"and {low:.1f} to {high:.1f} for up, down or still" in scene.narration


def test_scene_5_the_wrong_direction_is_weaker():
    scene = SCENES[4]
    a = answers(scene)
    assert setting(scene)["direction"] == "left" and a["left"] < a["right"]
    assert f"{a['left']:.1f} instead of {a['right']:.1f} per frame" in scene.narration


def test_scene_6_stride_acts_in_space_only():
    scene = SCENES[5]
    clip, output = run(scene)
    s = setting(scene)
    assert (s["stride"], s["padding"]) == (2, 1)
    assert "each 16 x 16 frame gives an 8 x 8 map" in scene.narration and output.shape[1:] == (8, 8)
    assert "still T' = 8 − 3 + 1 = 6 output frames" in scene.narration and output.shape[0] == 6
