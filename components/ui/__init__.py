"""The Streamlit glue that pages share, one module per concern: cached loading, link parameters,
controls, tables, charts, the footer, downloads, the uploads panel, embed mode and navigation."""
