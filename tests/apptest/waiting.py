"""Waiting in AppTests for a live job: a step on a busy 2-core machine can outlast Step's own wait."""

import time


def until_caption(at, text: str, tries: int = 20) -> bool:
    """Rerun until a caption holds `text` (a live job's status line); False if it never does."""
    for _ in range(tries):
        if any(text in c.value for c in at.caption):
            return True
        time.sleep(0.5)
        at.run()
    return False
