"""One work-around of Streamlit's page routing, kept in one place (a test pins the behaviour it needs).

Streamlit still carries its first multipage mode: ``PagesManager.uses_pages_directory``, a class-wide
flag, is set when the first session starts if a ``pages/`` folder sits beside the entrypoint, and stays
set until some session calls ``st.navigation``. While it is set, Streamlit runs a page's file directly,
skipping ``dashboard.py``: a shared link opened first on a fresh server would reach a page with no
frame (no database, no parsed URL). The project keeps the ``pages/`` folder its design names, so the
page switches the flag off and reruns; ``dashboard.py`` then routes to the same page (its url_path
equals its file name, hence the same page hash). tests/test_routing.py fails when Streamlit stops
setting the flag, the day this module can go.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def through_entrypoint() -> None:
    """Called by a page before it reads its frame: rerun through dashboard.py if Streamlit ran the page's
    file directly (the first multipage mode)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
