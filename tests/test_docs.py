"""The README stays true: its table reference is the schema, its commands exist."""

import re

from newsprep.tables import schema_markdown
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_table_and_column_exactly():
    assert schema_markdown() in README


def test_the_two_commands_exist_and_ci_runs_the_test_one():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("run", "test"):
        assert f"make {target}\n" in README
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_resource_file_is_documented():
    for path in (ROOT / "newsprep" / "resources").iterdir():
        assert f"newsprep/resources/{path.name}" in README, path.name
