"""The hardened Streamlit settings stay in .streamlit/config.toml."""

import tomllib

from components.data.paths import ROOT


def test_config_is_hardened():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    # On for the live chart's plotly.js and module only: static/ holds nothing else (tools/static_files.py, tested in
    # tests/unit/test_live_chart.py) and nothing outside it is served (tests/e2e/test_live_chart_e2e.py).
    assert config["server"]["enableStaticServing"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 50
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] in ("type", "none")
    assert config["client"]["disableDataExport"] is True
