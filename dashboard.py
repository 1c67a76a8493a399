"""Equity Dashboard: navigation, the shared filters and the frame; each page draws itself."""

import streamlit as st

from equity import ui

st.set_page_config(page_title="Equity Dashboard", page_icon=":material/diversity_3:", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page("pages/disparities.py", title="Disparities", icon=":material/bar_chart:", url_path="disparities"),
    st.Page("pages/programs.py", title="Programs", icon=":material/volunteer_activism:", url_path="programs"),
    st.Page(
        "pages/partnerships.py", title="Partnerships", icon=":material/handshake:", url_path="partnerships"
    ),
    st.Page("pages/community.py", title="Community voice", icon=":material/forum:", url_path="community"),
    st.Page("pages/methods.py", title="Data & methods", icon=":material/description:", url_path="methods"),
]

page = st.navigation(PAGES, position="hidden")
frame = ui.load_frame(page.url_path or "overview")
st.session_state["_frame"] = frame
st.session_state["_pages"] = PAGES
ui.render_frame(frame, PAGES, page)
page.run()
ui.set_params()
ui.present_steps(PAGES, page)
