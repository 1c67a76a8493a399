"""The README's "How the code is laid out" names every part of the tree, and every page has a view."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _layout() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]


def test_the_layout_names_every_module_and_folder():
    layout = _layout()
    named = set(re.findall(r"[\w/]+\.py|[\w]+/", layout))
    modules = {
        p.name for p in (ROOT / "equity").glob("*.py") if p.name != "__init__.py" and p.name != "__main__.py"
    }
    packages = {f"{p.name}/" for p in (ROOT / "equity").iterdir() if (p / "__init__.py").exists()}
    missing = {m for m in modules if not any(n.endswith(m) for n in named)}
    missing |= {p for p in packages if not any(n.endswith(p) for n in named)}
    assert not missing, f"README's layout does not name {sorted(missing)}"
    for folder in ("pages/", "queries/", "data/", "tests/", "bench/"):
        assert folder in layout


def test_every_page_has_a_view_and_builds_no_figure():
    for page in (ROOT / "pages").glob("*.py"):
        source = page.read_text()
        assert "equity.views import" in source, page.name
        assert "go.Figure" not in source and "plotly" not in source, page.name  # figures come from views
        assert 'st.session_state["_frame"]' not in source, page.name  # the frame comes from ui.frame()


def test_the_readme_names_every_organisation_table():
    from equity.ingest.org import TABLES

    readme = (ROOT / "README.md").read_text()
    missing = [t for t in TABLES if f"`{t}`" not in readme]
    assert not missing, f"README does not name the organisation tables {missing}"
