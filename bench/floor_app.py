"""The floor: a trivial one-chart Streamlit page, timed beside the dashboard's pages."""

import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])), theme=None)
