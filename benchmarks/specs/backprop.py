"""Activations & backprop: the a slider redraws f and f'; the x1 slider reruns forward and backward
propagation and rewrites every node's numbers and equations."""

PAGE = "backprop"
INTERACTIONS = [
    {"name": "a slider (activation curve)", "kind": "slider", "key": "backprop-a"},
    {"name": "input x1 slider (forward + backward)", "kind": "slider", "key": "backprop-x1"},
    {"name": "gradient step button", "kind": "button", "key": "backprop-step"},
]
