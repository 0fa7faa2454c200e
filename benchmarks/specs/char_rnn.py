"""Char-RNN: the temperature slider re-samples; Play trains on the first bundled text live."""

PAGE = "char_rnn"
INTERACTIONS = [
    {"name": "temperature slider", "kind": "slider", "key": "char_rnn-temp"},
    {"name": "hidden size slider (new model)", "kind": "slider", "key": "char_rnn-hidden"},
]
LIVE = {"key": "char_rnn-live", "bare": "engine.char_rnn:bare_steps_per_second"}
