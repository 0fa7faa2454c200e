"""Three replicas behind nginx, as deploy/ ships them: students spread over the replicas, each stays on
its own through a dropped connection, and a replica killed mid-class loses only its own students, who
are told so and carry on on a live replica."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect

from tests.browser import driver

pytestmark = pytest.mark.browser

PAGE, LIVE = "unroll_rnn", "unroll_rnn-live"  # a small model: Step trains it once, in the student's session
LINK, HIDDEN = (
    f"{PAGE}?unroll_rnn-hidden=5",
    ".st-key-unroll_rnn-hidden input[type=range]",
)  # 5: not the default
WAIT = 60_000  # three servers and chromium share two cores
MOST_STUDENTS = 8  # eight students all on one of three replicas: 1 run in 2,187

# Every websocket the page opens, kept where the test can drop it as a network would.
KEEP_SOCKETS = """(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    window.__sockets.push(socket);
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
})()"""


@dataclass
class Student:
    context: object
    page: object
    replica: str = ""  # the replica that drew its first page
    external: list[str] = field(default_factory=list)  # requests that left loopback

    def server(self) -> str:
        """The replica the sidebar names (LAYERLAB_REPLICA of the server that ran the page last)."""
        text = self.page.locator('[data-testid="stSidebar"]').get_by_text("Server:").inner_text()
        return re.search(r"replica-\d+", text).group(0)

    def status(self):
        return self.page.locator(f".st-key-{LIVE}-status")

    def note(self):
        return self.page.locator(".st-key-reconnect-note")

    def step(self) -> None:
        self.page.locator(f".st-key-{LIVE}-step button").click()

    def record(self, request) -> None:
        if not driver.is_loopback(request.url):
            self.external.append(request.url)


def arrive(browser, url: str, count: int) -> list[Student]:
    """`count` students open the page at once, each in a browser of their own (their own cookies)."""
    students = []
    for _ in range(count):
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(KEEP_SOCKETS)
        page = context.new_page()
        page.set_default_timeout(WAIT)
        student = Student(context, page)
        page.on("request", student.record)
        page.goto(f"{url}/{LINK}", wait_until="commit", timeout=WAIT)
        students.append(student)
    for student in students:
        driver.wait_idle(student.page, 90_000)
        expect(student.status()).to_contain_text("Step 0", timeout=WAIT)
        student.replica = student.server()
    return students


def run_finished(payload) -> bool:
    """Whether a websocket frame from the server is Streamlit's "script finished" message."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = ForwardMsg()
    try:
        message.ParseFromString(bytes(payload))
    except Exception:
        return False
    return message.WhichOneof("type") == "script_finished"


def drop_connections(students: list[Student]) -> None:
    """Close every page's websocket at once, as a network blip would; return once each page has
    reconnected and a run has finished over its new connection (a new session's run draws Step 0)."""
    finished: list[list[bool]] = []
    for student in students:
        runs: list[bool] = []
        student.page.on(
            "websocket",
            lambda socket, runs=runs: socket.on(
                "framereceived", lambda payload: runs.append(run_finished(payload))
            ),
        )
        finished.append(runs)
        student.page.evaluate("() => window.__sockets.at(-1).close()")
    for student, runs in zip(students, finished):
        student.page.wait_for_function("() => window.__sockets.at(-1).readyState === 1", timeout=WAIT)
        deadline = time.monotonic() + WAIT / 1000
        while not any(runs):  # playwright hands over the new socket's frames while the page waits
            assert time.monotonic() < deadline, "no run finished over the new connection"
            student.page.wait_for_timeout(20)
        driver.wait_idle(student.page, WAIT)


def test_sessions_stay_on_their_replica_and_a_killed_replica_loses_only_its_own(replicas, browser):
    students: list[Student] = []
    try:
        students += arrive(browser, replicas.url, 3)
        while len({s.replica for s in students}) < 2:  # all on one replica, by chance: one more student
            assert len(students) < MOST_STUDENTS, f"{len(students)} students, all on {students[0].replica}"
            students += arrive(browser, replicas.url, 1)
        for student in students:
            student.step()
        for student in students:
            expect(student.status()).to_contain_text("Step 1", timeout=WAIT)

        # A dropped connection comes back to the same replica, and the session there still has its model.
        drop_connections(students)
        for student in students:
            assert student.server() == student.replica, "the reconnect went to another replica"
            expect(student.status()).to_contain_text("Step 1")
            expect(student.note()).to_have_count(0)

        victim = students[0].replica
        replicas.kill(victim)
        moved = [s for s in students if s.replica == victim]
        stayed = [s for s in students if s.replica != victim]
        for student in moved:  # told, in words, and on a live replica with a fresh session
            expect(student.note()).to_contain_text("This page started over", timeout=WAIT)
            driver.wait_idle(student.page, WAIT)
            assert student.server() != victim and student.server() in replicas.replicas
            expect(student.status()).to_contain_text("Step 0")
            expect(student.page.locator(HIDDEN)).to_have_value("5")  # "with the settings from its link"
        for student in stayed:  # their sessions, and the models in them, go on
            student.step()
        for student in stayed:
            expect(student.status()).to_contain_text("Step 2", timeout=WAIT)
            expect(student.note()).to_have_count(0)
            assert student.server() == student.replica
        for student in moved:  # the new session trains: the student carries on
            student.step()
            expect(student.status()).to_contain_text("Step 1", timeout=WAIT)
        for student in students:  # must NOT happen: an error panel, a request leaving loopback
            expect(student.page.locator('[data-testid="stException"]')).to_have_count(0)
            assert student.external == [], f"requests left loopback: {student.external}"
    finally:
        for student in students:
            student.context.close()
