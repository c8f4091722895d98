"""The NEA Cooperation Dashboard's code, one sub-package per layer (see CONTRIBUTING.md).

Imports run one way: ``ui`` → ``charts`` → ``analysis`` → ``data``. Only ``ui`` imports Streamlit.
"""
