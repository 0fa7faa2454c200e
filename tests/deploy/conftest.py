"""Deployment fixtures: three replicas of the app behind nginx on loopback (chromium: tests/conftest.py)."""

from __future__ import annotations

import os

import pytest

from tests.browser import driver
from tests.deploy import cluster


@pytest.fixture(scope="module")
def replicas():
    if cluster.nginx_binary() is None:
        pytest.skip("nginx is not installed (apt-get install nginx-light): the replicas sit behind it")
    if not os.path.exists(driver.CHROMIUM):
        pytest.fail(f"chromium not found at {driver.CHROMIUM}: install Debian's chromium package")
    with cluster.replicas_behind_nginx(3) as running:
        yield running
