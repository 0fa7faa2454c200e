"""The address students type: this machine's address on the local network and the server's port.

Found without the internet: connecting a UDP socket sends nothing; it only asks the system which of
its addresses it would use to reach a private-network address.
"""

from __future__ import annotations

import os
import socket

import streamlit as st

ENV_PUBLIC_URL = "LAYERLAB_PUBLIC_URL"  # behind a load balancer: its address, not this replica's

PROBE = ("10.255.255.255", 1)  # any private address: nothing is sent to it
EVERY_INTERFACE = ("", "0.0.0.0", "::")


def local_ip() -> str | None:
    """This machine's IPv4 address on its network; None when it has only loopback."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(PROBE)
            ip = probe.getsockname()[0]
    except OSError:
        return None
    return None if ip.startswith("127.") or ip == "0.0.0.0" else ip


def url_for(listen: str, port: int, ip: str | None) -> str | None:
    """The URL students open, for a server listening on `listen` (server.address); None: none reaches it."""
    if listen in EVERY_INTERFACE:
        return None if ip is None else f"http://{ip}:{port}"
    if listen.startswith("127.") or listen in ("localhost", "::1"):
        return None
    return f"http://{listen}:{port}"


def listening_on() -> str:
    return st.get_option("server.address") or ""


def public_url() -> str | None:
    """The load balancer's address, when the server runs behind one (LAYERLAB_PUBLIC_URL)."""
    return os.environ.get(ENV_PUBLIC_URL, "").strip() or None


def student_url() -> str | None:
    if public := public_url():
        return public
    listen = listening_on()
    ip = local_ip() if listen in EVERY_INTERFACE else None
    return url_for(listen, int(st.get_option("server.port")), ip)


def words() -> tuple[str, bool]:
    """What the home page tells the teacher about the students' address; True when there is one."""
    url, listen = student_url(), listening_on()
    if url:
        where = "the load balancer's address" if public_url() else "this machine's address on its network"
        return f"**Students open {url}** ({where}).", True
    if listen in EVERY_INTERFACE:
        return (
            "This machine is on no network right now, so students cannot reach it: connect it to the "
            "class network and reload this page to see the address they type."
        ), False
    return (
        f"This server answers on this machine only (server.address = {listen}): to let students in, "
        "start it with `--server.address 0.0.0.0`."
    ), False


@st.cache_resource(show_spinner=False)
def announce() -> bool:
    """Say the students' address in the server's console once, when the first page opens."""
    url = student_url()
    if url:
        print(f"  LayerLab: students open {url}", flush=True)
    return True
