"""The Streamlit behaviour equity.routing works around: while this test passes, the work-around is needed."""

from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager

ROOT = Path(__file__).resolve().parent.parent


def test_a_pages_folder_beside_the_entrypoint_still_switches_on_the_first_multipage_mode():
    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None  # as on a fresh server, before any session
        PagesManager(str(ROOT / "dashboard.py"))
        # If this fails, Streamlit no longer runs pages/ files directly: remove equity/routing.py.
        assert PagesManager.uses_pages_directory is True
    finally:
        PagesManager.uses_pages_directory = before


def test_the_mode_comes_from_the_pages_folder_alone(tmp_path):
    # An entrypoint with no pages folder beside it is never in that mode (the browser tests open a page
    # link first on a fresh server and find it drawn through dashboard.py).
    (tmp_path / "app.py").write_text("")
    before = PagesManager.uses_pages_directory
    try:
        PagesManager.uses_pages_directory = None
        PagesManager(str(tmp_path / "app.py"))
        assert PagesManager.uses_pages_directory is False
    finally:
        PagesManager.uses_pages_directory = before
