"""Browser benchmark of the dashboard against a bare Streamlit page (run with ``make bench``)."""
