"""Sub-commands of this module: registered here, implemented by its owner."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    return None
