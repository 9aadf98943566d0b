"""congvan: Vietnamese administrative dispatches into a linked record of who assigned what to whom."""
from __future__ import annotations

__version__ = "0.1.0"
