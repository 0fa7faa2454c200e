"""LayerLab as a department runs it (deploy/): app replicas behind nginx, here all on loopback."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from tests.browser import driver

ROOT = driver.ROOT
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
LISTEN = "listen 80;"  # the line of deploy/nginx.conf that a test moves to a free loopback port


def nginx_binary() -> str | None:
    """Debian's nginx (in /usr/sbin, which a user's PATH may lack), or None when it is not installed."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


@dataclass
class Cluster:
    url: str  # nginx: what students open
    replicas: dict[str, subprocess.Popen]  # replica name (LAYERLAB_REPLICA) -> its server

    def kill(self, name: str) -> None:
        """The replica's process dies at once, as a crashed machine would (no goodbye to its browsers)."""
        self.replicas[name].kill()
        self.replicas[name].wait(timeout=10)


@contextlib.contextmanager
def replicas_behind_nginx(count: int = 3, conf: Path = NGINX_CONF) -> Iterator[Cluster]:
    """`count` `streamlit run app.py` replicas on free loopback ports, started together, and nginx in
    front of them with deploy/nginx.conf: only its listen line and its replicas.conf are the test's."""
    nginx = nginx_binary()
    if nginx is None:
        raise RuntimeError("nginx is not installed")
    ports = {f"replica-{i}": driver.free_port() for i in range(1, count + 1)}
    logs = {name: ROOT / f".streamlit-test-{port}.log" for name, port in ports.items()}
    processes: dict[str, subprocess.Popen] = {}
    with tempfile.TemporaryDirectory(prefix="layerlab-nginx-") as prefix, contextlib.ExitStack() as stack:
        for name, port in ports.items():
            log = stack.enter_context(open(logs[name], "w"))
            processes[name] = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    "app.py",
                    "--server.port",
                    str(port),
                    "--server.address",
                    "127.0.0.1",
                    "--server.headless",
                    "true",
                    "--browser.serverAddress",
                    "localhost",
                    "--browser.gatherUsageStats",
                    "false",
                ],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "LAYERLAB_DEVICE": "cpu", "LAYERLAB_REPLICA": name},
            )
        text = conf.read_text()
        assert text.count(LISTEN) == 1, f"{conf} should have one '{LISTEN}' line"
        balancer = driver.free_port()
        Path(prefix, "nginx.conf").write_text(text.replace(LISTEN, f"listen 127.0.0.1:{balancer};"))
        Path(prefix, "replicas.conf").write_text(
            "".join(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;\n" for port in ports.values())
        )
        nginx_log = stack.enter_context(open(Path(prefix, "nginx.log"), "w+"))
        front = subprocess.Popen(
            [nginx, "-p", prefix, "-c", f"{prefix}/nginx.conf", "-e", "stderr", "-g", "daemon off;"],
            stdout=nginx_log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{balancer}"
        try:
            for name, process in processes.items():
                driver.wait_for_health(f"http://127.0.0.1:{ports[name]}", 90, process)
            driver.wait_for_health(url, 10, front)
            yield Cluster(url, processes)
        finally:
            if sys.exc_info()[0] is not None:  # a failing test: the servers' own words go in its report
                nginx_log.seek(0)
                print("nginx:", nginx_log.read()[-3000:])
                for name, path in logs.items():
                    print(f"{name}:", path.read_text(errors="replace")[-3000:])
            for process in [front, *processes.values()]:
                if process.poll() is None:
                    process.terminate()
            for process in [front, *processes.values()]:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            for path in logs.values():
                with contextlib.suppress(OSError):
                    path.unlink()
