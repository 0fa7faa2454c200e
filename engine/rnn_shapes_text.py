"""The words of the Shapes of RNNs page: each shape's task, the controls' choices, and the lecture's
comparison of passing the output against passing the state (deck 000)."""

TASKS = {
    "one-to-many": (
        "**One input, a sequence out**: a digit *n* in, the countdown *n-1 … 0* (or the count "
        "up *0 … n-1*) out, then the end symbol ⏎ (like image captioning: one picture, many "
        "words)."
    ),
    "many-to-one": (
        "**A sequence in, one output**: a string of bits in, how many 1s it holds out, given "
        "after the last bit (like sentiment of a sentence)."
    ),
    "many-to-many": (
        "**A sequence in, one output per step**: digits in; at every step, the largest of the "
        "digit and its two neighbours. The right neighbour is still in the future..."
    ),
    "encoder-decoder": (
        "**Encoder-decoder (sequence to sequence)**: many-to-one encodes the input in a "
        "single vector, then one-to-many produces the output from it. Here: reverse the "
        "digits."
    ),
}
MODES = {"free": "free running (its own outputs)", "teacher": "teacher forcing (the true outputs)"}
FEEDBACK = {
    "state": "only the state h",
    "output-only": "only the output y (deck 000's net)",
    "output": "the output y and the state h",
}
COUNTS = {"countdown": "count down n-1 … 0", "countup": "count up 0 … n-1"}

OUTPUT_VS_STATE = (
    "**Passing the output vs the state.** The state h can contain *any* information about the past. "
    "Deck 000's other net passes **only the output y**: $h_t = \\tanh(W x_t + U y_{t-1})$, no arrow "
    "from $h_{t-1}$, and y is all it may send to the future. Counting down, y says everything the "
    "next step needs; counting up, y = 3 cannot say whether to stop (was n 4 or 9?): **less "
    "powerful**. But with **teacher forcing** (the true previous output as the next input) the "
    "last step's loss reaches back to that step alone: **every step trains in isolation**, all at "
    "once. Passing h, it reaches back through every step (back-propagation through time)."
)
FORCING_HINT = (
    "Running free, each net feeds its own outputs back; force a wrong first output to see a "
    "mistake carried on, then switch to teacher forcing: the next input is still right."
)
BIDIRECTIONAL = (
    "A one-directional RNN at step t has seen only x_1 … x_t, so it must guess whenever the "
    "right neighbour is the largest. The **bidirectional** RNN combines one RNN moving forward "
    "and one moving backward, so every output sees the whole input."
)


def feedback_table(rows: list[dict]) -> str:
    """`rnn_shapes.compare_feedback`'s rows as a markdown table: the three one-to-many nets side by side."""
    lines = [
        f"| {FEEDBACK[r['feedback']]} | {r['countdown']} of 10 | {r['countup']} of 10 | "
        f"{r['reach']} of {r['steps']} |"
        for r in rows
    ]
    return (
        "| passed to the next step | count down: digits right | count up: digits right | steps the last "
        "loss reaches back to (n = 5, teacher forcing) |\n|:--|--:|--:|--:|\n" + "\n".join(lines)
    )
