"""Loaded at start-up by every Python process whose PYTHONPATH names this folder: the offline guard."""

import os
import sys

if os.environ.get("KG_OFFLINE_LOG"):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import offline_guard

    offline_guard.install()
