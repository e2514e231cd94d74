"""Every registered page renders without an exception, on real tables built on first start."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPREP_TABLES", str(tmp_path / "tables"))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def test_tables_page_builds_on_first_start_and_shows_counts(app, tmp_path):
    app.run()
    assert not app.exception
    assert (tmp_path / "tables" / "CURRENT").exists()
    metrics = {m.label: int(m.value) for m in app.metric}
    assert list(metrics) == ["Articles", "Organizations", "Events", "Funding rounds"]
    assert (metrics["Articles"], metrics["Funding rounds"]) == (5, 1)
    assert metrics["Organizations"] > 20 and metrics["Events"] > 5


def test_choosing_another_table_shows_it(app):
    app.run()
    app.selectbox[0].select("funding").run()
    assert not app.exception
    assert app.dataframe[0].value["amount_text"].tolist() == ["超 7 亿元人民币"]
