"""Plain-Python building blocks of the NEA Cooperation Dashboard (importable without Streamlit)."""
