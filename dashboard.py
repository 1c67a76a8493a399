"""Equity Dashboard: navigation, the shared filters and the frame; each page draws itself."""

import streamlit as st

from equity import ui
from equity.i18n import _

# No page or page icons here: Streamlit fetches a Material icon favicon from a font CDN, and the app
# must work offline. The sidebar links carry the icons (ui.NAV_ICONS), drawn from the bundled font.
st.set_page_config(page_title="Equity Dashboard", layout="wide")
ui.set_language()  # before anything is worded: this run's language, from the link


PAGES = [
    st.Page("pages/overview.py", title=_("Overview"), default=True),
    st.Page("pages/map.py", title=_("Map"), url_path="map"),
    st.Page("pages/disparities.py", title=_("Disparities"), url_path="disparities"),
    st.Page("pages/programs.py", title=_("Programs"), url_path="programs"),
    st.Page("pages/partnerships.py", title=_("Partnerships"), url_path="partnerships"),
    st.Page("pages/community.py", title=_("Community voice"), url_path="community"),
    st.Page("pages/lessons.py", title=_("Lessons learned"), url_path="lessons"),
    st.Page("pages/methods.py", title=_("Data & methods"), url_path="methods"),
    st.Page("pages/meeting.py", title=_("Meeting slides"), url_path="meeting"),
]

page = st.navigation(PAGES, position="hidden")
frame = ui.load_frame(page.url_path or "overview")
st.session_state["_frame"] = frame
st.session_state["_pages"] = PAGES
ui.render_frame(frame, PAGES, page)
page.run()
ui.end_page()  # a page that ends early ends the same way (ui.stop)
