"""The replicated deployment: nginx in front of N ``streamlit run`` replicas (see deploy/README.md)."""
