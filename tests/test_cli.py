"""The command line: help for every command, one-sentence errors, the extract JSON shape."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "newsprep", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def _commands() -> list[str]:
    """Every subcommand the argument parser defines, read from the parser itself."""
    import argparse

    from newsprep.cli import _parser

    [subparsers] = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(subparsers.choices)


@pytest.mark.parametrize("args", [["--help"]] + [[command, "--help"] for command in _commands()])
def test_every_command_has_help(args):
    done = run_cli(*args)
    assert done.returncode == 0
    assert "usage: python -m newsprep" in done.stdout


@pytest.mark.parametrize("args, message", [
    (["build", "/no/such/folder"], "error: /no/such/folder does not exist. Check the path, or run without a path to use data/articles/.\n"),
    (["extract", "/no/such/file.txt"], "error: /no/such/file.txt does not exist. Check the path, or run without a path to use data/articles/.\n"),
])
def test_errors_are_one_sentence_with_a_hint_and_a_nonzero_exit(args, message):
    done = run_cli(*args)
    assert done.returncode == 1
    assert done.stderr == message


def test_no_command_prints_help_and_fails():
    done = run_cli()
    assert done.returncode == 2 and "COMMAND" in done.stdout


def test_extract_prints_the_scorer_shape(samples):
    done = run_cli("extract", str(samples / "004_bd4c11668fb333c7.txt"))
    assert done.returncode == 0, done.stderr
    [article] = json.loads(done.stdout)
    assert {"file", "published", "organizations", "provinces", "events", "funding", "people"} <= set(article)
    assert article["file"] == "004_bd4c11668fb333c7.txt"
    [round_] = article["funding"]
    assert (round_["recipient"], round_["amount_cny"], round_["qualifier"]) == ("深势科技", 7e8, "over")


def test_extract_reports_unreadable_files_on_stderr_and_goes_on(tmp_path, samples):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "ok.txt").write_text((samples / "001_7e3585bb881d27a2.txt").read_text(encoding="utf-8"), encoding="utf-8")
    done = run_cli("extract", str(tmp_path))
    assert done.returncode == 0
    assert [a["file"] for a in json.loads(done.stdout)] == ["ok.txt"]
    assert f"skipped {tmp_path / 'empty.txt'}: the file is empty; nothing to read." in done.stderr


def test_build_prints_a_summary(tmp_path, samples):
    done = run_cli("build", str(samples), "--out", str(tmp_path / "t"), "--cache", str(tmp_path / "c"), "--quiet")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("articles ok: 5 (0 from cache) | duplicates: 0 | failed: 0\n")
    again = run_cli("build", str(samples), "--out", str(tmp_path / "t"), "--cache", str(tmp_path / "c"), "--quiet")
    assert again.stdout.startswith("articles ok: 5 (5 from cache)")


def test_extract_skips_an_article_it_cannot_write_out_and_keeps_the_others(tmp_path, monkeypatch, capsys):
    from newsprep import cli, export

    (tmp_path / "a.txt").write_text("之江实验室与北京大学签署合作协议。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("深势科技完成新一轮融资，由红杉中国领投。", encoding="utf-8")
    real = export.article_json

    def fragile(record):
        if record["source_path"].endswith("a.txt"):
            raise KeyError("new_0000")  # a relation end the article does not name
        return real(record)

    monkeypatch.setattr(export, "article_json", fragile)
    assert cli.main(["extract", str(tmp_path)]) == 0
    out = capsys.readouterr()
    assert [a["file"] for a in json.loads(out.out)] == ["b.txt"]
    assert "skipped" in out.err and "a.txt" in out.err


def test_extract_names_export_rows_file_and_row(tmp_path, capsys):
    from newsprep import cli

    (tmp_path / "feed.csv").write_text("title,text\n一,之江实验室与北京大学签署合作协议。\n二,深势科技完成新一轮融资。\n",
                                       encoding="utf-8")
    assert cli.main(["extract", str(tmp_path / "feed.csv")]) == 0
    assert [a["file"] for a in json.loads(capsys.readouterr().out)] == ["feed.csv#0", "feed.csv#1"]


@pytest.mark.parametrize("damage, says", [
    (lambda d: (d / "event_triggers.csv").write_text("trigger_id,event_type,priority\nx,funding,1\n", encoding="utf-8"),
     "newsprep/resources/event_triggers.csv lacks the column(s) pattern in its header line."),
    (lambda d: (d / "event_triggers.csv").unlink(), "the rule file newsprep/resources/event_triggers.csv cannot be read"),
    (lambda d: (d / "funding_cues.csv").write_text("cue_id,kind,pattern\nbad,raise,融资(\n", encoding="utf-8"),
     "a rule file is damaged: newsprep.funding.funding_cues failed (error: missing )"),
    (lambda d: (d / "organizations.csv").write_text(
        (d / "organizations.csv").read_text(encoding="utf-8") + "x_bad,某机构,,,spaceship,,,site\n", encoding="utf-8"),
     "newsprep/resources/organizations.csv: the row x_bad has the unknown type 'spaceship'"),
])
def test_a_damaged_rule_file_stops_the_run_with_exit_2_and_one_sentence(tmp_path, damage, says):
    import shutil

    package = tmp_path / "newsprep"
    shutil.copytree(ROOT / "newsprep", package, ignore=shutil.ignore_patterns("__pycache__"))
    damage(package / "resources")
    article = tmp_path / "a.txt"
    article.write_text("之江实验室与北京大学签署合作协议。", encoding="utf-8")
    for command in (["extract", str(article)], ["build", str(article), "--out", str(tmp_path / "tables")]):
        done = subprocess.run([sys.executable, "-m", "newsprep", *command], capture_output=True, text=True,
                              cwd=tmp_path, timeout=300, env={**__import__("os").environ, "PYTHONPATH": str(tmp_path)})
        assert done.returncode == 2, done.stderr
        assert done.stdout == ""
        assert done.stderr.startswith(f"error: {says}") and "Traceback" not in done.stderr
        assert not (tmp_path / "tables").exists()  # nothing was swapped in


def test_build_with_no_article_says_so_keeps_nothing_and_exits_non_zero(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    done = run_cli("build", str(tmp_path / "in"), "--out", str(tmp_path / "tables"), "--quiet")
    assert done.returncode == 1
    assert "failed: " in done.stdout and "empty.txt: the file is empty; nothing to read." in done.stdout
    assert done.stderr == ("error: no article was built from the inputs (1 failed, 0 duplicates); the previous tables "
                           "were kept. The lines above say why each input failed.\n")
    assert not (tmp_path / "tables" / "CURRENT").exists()
