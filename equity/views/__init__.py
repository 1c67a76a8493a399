"""What each page shows, worked out from its query results: pure functions, no Streamlit.

A page reads its URL state, runs its queries, calls its view, and draws what the view returns
(takeaway sentences, cards, tables, figures). Rules live in ``equity.metrics``, figures are built by
``equity.charts`` and every sentence is worded in ``equity.text``; a view only puts them together.
"""
