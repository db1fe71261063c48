# SPDX-License-Identifier: Apache-2.0
"""A charm that observes every event and nothing else, for reading secrets from a test."""

from __future__ import annotations

import ops
import pytest
from scenario import Context

META = {
    "name": "vault-user",
    "requires": {"db": {"interface": "sql"}},
    "peers": {"cluster": {"interface": "cluster"}},
}
"""The charm's metadata: a `db` endpoint to grant over and a peer endpoint."""


class IdleCharm(ops.CharmBase):
    """Does nothing on any event; the tests act through ``Context.manager``."""


@pytest.fixture
def ctx() -> Context:
    """A Context for the idle charm on Juju 3.4."""
    return Context(IdleCharm, meta=META, juju_version="3.4.0")
