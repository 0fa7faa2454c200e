"""LSTM gates: typing a sentence reruns the trained LSTM over it and redraws every gate's heatmap; the
step slider redraws only the conveyor-belt fragment; clamping a forget gate reruns the cell."""

PAGE = "lstm_gates"
INTERACTIONS = [
    {
        "name": "type a sentence",
        "kind": "text",
        "key": "lstm_gates-sentence",
        "text": "The dogs, which chased the old cat behind the horse and met the boy, were tired",
    },
    {"name": "step slider (conveyor belt)", "kind": "slider", "key": "lstm_gates-step"},
]
