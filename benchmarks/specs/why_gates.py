"""Why gates: the gap slider starts a fresh trio of models; live training of RNN, LSTM and GRU."""

PAGE = "why_gates"
INTERACTIONS = [
    {"name": "gap slider (new training job)", "kind": "slider", "key": "why_gates-gap"},
]
LIVE = {"key": "why_gates-live", "bare": "engine.why_gates:bare_steps_per_second"}
