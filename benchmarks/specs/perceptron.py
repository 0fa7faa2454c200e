"""Perceptron: the update slider redraws the plane at update t; the margin slider makes new data,
reruns the learning rule to convergence and recomputes the bound."""

PAGE = "perceptron"
INTERACTIONS = [
    {"name": "update t slider", "kind": "slider", "key": "perceptron-t"},
    {"name": "margin slider", "kind": "slider", "key": "perceptron-margin"},
    {"name": "next update button", "kind": "button", "key": "perceptron-next"},
]
