"""The address students type: said on the home page and in the console, found without the internet."""

import pytest
from streamlit.testing.v1 import AppTest

from pages.widgets import address
from pages.widgets.catalog import ROOT


@pytest.mark.parametrize(
    "listen, ip, url",
    [
        ("", "192.168.1.20", "http://192.168.1.20:8501"),
        ("0.0.0.0", "10.0.0.7", "http://10.0.0.7:8501"),
        ("", None, None),
        ("127.0.0.1", "192.168.1.20", None),
        ("localhost", "192.168.1.20", None),
        ("192.168.1.30", None, "http://192.168.1.30:8501"),
    ],
)
def test_the_students_url_follows_where_the_server_listens(listen, ip, url):
    assert address.url_for(listen, 8501, ip) == url


def test_the_machines_own_address_is_never_loopback():
    ip = address.local_ip()
    assert ip is None or not ip.startswith("127.")


@pytest.mark.parametrize(
    "ip, said",
    [
        ("192.168.1.20", "Students open http://192.168.1.20:8501"),
        (None, "This machine is on no network right now"),
    ],
)
def test_the_home_page_says_the_address_students_type(monkeypatch, ip, said):
    monkeypatch.setattr(address, "local_ip", lambda: ip)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # home, through the router
    assert not at.exception
    shown = [e.value for e in (*at.success, *at.info)]
    assert any(said in text for text in shown), shown


def test_behind_a_load_balancer_the_home_page_says_its_address_not_the_replicas(monkeypatch):
    """A replica in a container knows only its own address; deploy/compose.yaml passes nginx's."""
    monkeypatch.setattr(address, "local_ip", lambda: "172.18.0.5")
    monkeypatch.setenv(address.ENV_PUBLIC_URL, "http://lab.school.example:8080")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    shown = [e.value for e in (*at.success, *at.info)]
    assert any("Students open http://lab.school.example:8080" in text for text in shown), shown
    assert not any("172.18.0.5" in text for text in shown), shown
