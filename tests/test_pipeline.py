"""Build end to end: the tables contract, evidence, duplicates, the cache, the atomic snapshot,
and a folder of bad inputs that still builds."""

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from newsprep import pipeline
from newsprep.build import build_snapshot
from newsprep.store import current_snapshot, load_tables, write_snapshot
from newsprep.tables import SCHEMA
from tests.conftest import write


@pytest.fixture(scope="module")
def built(tmp_path_factory, samples):
    out = tmp_path_factory.mktemp("tables")
    result, snapshot = build_snapshot([samples], out=out, cache_dir=None)
    return result, snapshot, load_tables(out)


def test_every_table_has_exactly_the_documented_columns(built):
    _, _, tables = built
    assert set(tables) == set(SCHEMA)
    for name, columns in SCHEMA.items():
        assert list(tables[name].columns) == [c for c, _, _ in columns], name


def test_the_samples_build_into_linked_tables(built):
    result, snapshot, tables = built
    assert result.count("ok") == 5 and result.count("failed") == 0
    assert len(tables["articles"]) == 5
    assert set(tables["org_mentions"]["org_id"]) <= set(tables["organizations"]["org_id"])
    assert set(tables["event_participants"]["event_id"]) <= set(tables["events"]["event_id"])
    for table in ("org_mentions", "events", "people", "funding"):
        assert tables[table]["evidence_id"].isin(tables["evidence"]["evidence_id"]).all(), table
    manifest = json.loads((snapshot / "manifest.json").read_text())
    assert manifest["row_counts"]["articles"] == 5


def test_evidence_offsets_point_into_the_article_text(built):
    _, _, tables = built
    text = tables["articles"].set_index("article_id")["text"]
    mentions = tables["org_mentions"]
    for row in mentions.itertuples():
        assert text[row.article_id][row.start:row.end] == row.surface
    for row in tables["evidence"].itertuples():
        assert row.sentence in text[row.article_id]


def test_no_year_is_invented_for_the_samples(built):
    _, _, tables = built
    articles = tables["articles"].set_index("source_path")
    dated = {Path(p).name: (d, precision) for p, d, precision in zip(articles.index, articles["published"], articles["published_precision"])}
    assert dated["000_9f88bf8be9a57c1b.txt"] == ("2022-07-22", "day")
    assert dated["002_7db7e63527ffa01e.txt"][1] == "year_unknown"  # 新华网北京5月9日电
    assert pd.isna(dated["002_7db7e63527ffa01e.txt"][0])


def test_same_story_in_two_encodings_is_one_article(tmp_path, samples):
    source = (samples / "001_7e3585bb881d27a2.txt").read_text(encoding="utf-8")
    write(tmp_path / "utf8.txt", source)
    write(tmp_path / "gbk.txt", source, encoding="gb18030")
    result = pipeline.run([tmp_path])
    statuses = sorted((Path(r.input_path).name, r.status) for r in result.report)
    assert statuses == [("gbk.txt", "ok"), ("utf8.txt", "duplicate")]
    duplicate = next(r for r in result.report if r.status == "duplicate")
    assert duplicate.reason == f"same story as {tmp_path / 'gbk.txt'}"


def test_adding_one_file_processes_only_that_file(tmp_path, samples, monkeypatch):
    inputs = tmp_path / "in"
    shutil.copytree(samples, inputs)
    cache = tmp_path / "cache"
    pipeline.run([inputs], cache_dir=cache)
    processed = []
    real = pipeline.process_document
    monkeypatch.setattr(pipeline, "process_document", lambda raw: processed.append(raw.source_path) or real(raw))
    write(inputs / "new.txt", "鹏城实验室与华为签署战略合作协议。双方将共建人工智能联合实验室。")
    result = pipeline.run([inputs], cache_dir=cache)
    assert processed == [str(inputs / "new.txt")]
    assert result.count("ok") == 6
    assert sum(r.from_cache for r in result.report) == 5


def test_a_folder_of_bad_inputs_still_builds_and_reports_each(tmp_path, samples):
    inputs = tmp_path / "mixed"
    inputs.mkdir()
    shutil.copy(samples / "004_bd4c11668fb333c7.txt", inputs / "good.txt")
    write(inputs / "empty.txt", b"")
    write(inputs / "binary.txt", b"\x00\x01\x02" * 100)
    write(inputs / "no_text.csv", "title,date\n标题,2024-01-01\n")
    write(inputs / "broken.md", "---\ntitle: [oops\n---\n之江实验室与北京大学签署合作协议。")
    os.symlink(tmp_path / "missing.txt", inputs / "dangling.txt")
    with (inputs / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result, _ = build_snapshot([inputs], out=tmp_path / "tables", cache_dir=None)
    report = {Path(r.input_path).name: (r.status, r.reason, r.notes) for r in result.report}
    assert set(report) == {"good.txt", "empty.txt", "binary.txt", "no_text.csv", "broken.md", "dangling.txt", "huge.txt"}
    assert report["good.txt"][0] == "ok"
    assert report["broken.md"][:2] == ("ok", "")
    assert "front matter could not be read" in report["broken.md"][2]
    for name in ("empty.txt", "binary.txt", "no_text.csv", "dangling.txt", "huge.txt"):
        status, reason, _ = report[name]
        assert status == "failed" and reason.endswith(".") and len(reason) < 200, name
    assert report["dangling.txt"][1].startswith("the file could not be opened")
    tables = load_tables(tmp_path / "tables")
    assert len(tables["ingest_report"]) == 7
    assert len(tables["articles"]) == 2


def test_an_unexpected_error_in_one_article_does_not_stop_the_build(tmp_path, samples, monkeypatch):
    real = pipeline.process_document

    def flaky(raw):
        if raw.source_path.endswith("003_04d7e268584048fa.txt"):
            raise ValueError("boom")
        return real(raw)

    monkeypatch.setattr(pipeline, "process_document", flaky)
    result = pipeline.run([samples])
    failed = [r for r in result.report if r.status == "failed"]
    assert [r.reason for r in failed] == ["processing failed (ValueError: boom); please report this file."]
    assert result.count("ok") == 4


def test_a_snapshot_is_swapped_in_whole_or_not_at_all(tmp_path):
    first = write_snapshot({"articles": pd.DataFrame({"a": [1]})}, tmp_path)
    assert current_snapshot(tmp_path) == first

    class Unwritable(pd.DataFrame):
        def to_parquet(self, *args, **kwargs):
            raise OSError("disk full")

    with pytest.raises(OSError):
        write_snapshot({"articles": pd.DataFrame({"a": [2]}), "broken": Unwritable({"b": [1]})}, tmp_path)
    assert current_snapshot(tmp_path) == first
    assert load_tables(tmp_path)["articles"]["a"].tolist() == [1]
    assert [p.name for p in (tmp_path / "snapshots").iterdir()] == [first.name]  # no half-written folder left


def test_old_snapshots_are_pruned(tmp_path):
    for value in range(4):
        latest = write_snapshot({"articles": pd.DataFrame({"a": [value]})}, tmp_path)
    kept = sorted(p.name for p in (tmp_path / "snapshots").iterdir() if not p.name.startswith("."))
    assert len(kept) == 2 and latest.name in kept


def test_empty_tables_are_built_only_on_purpose(tmp_path):
    (tmp_path / "none").mkdir()
    result, _ = build_snapshot([tmp_path / "none"], out=tmp_path / "tables", cache_dir=None, allow_empty=True)
    tables = load_tables(tmp_path / "tables")
    assert result.report == [] and all(frame.empty for frame in tables.values())


@pytest.mark.parametrize("inputs", [{}, {"empty.txt": b"", "binary.txt": b"\x00\x01\x02"}])
def test_a_build_with_no_article_keeps_the_previous_snapshot_and_never_prunes_it(tmp_path, samples, inputs):
    from newsprep.errors import NothingBuilt

    out = tmp_path / "tables"
    _, good = build_snapshot([samples], out=out, cache_dir=None)
    bad = tmp_path / "bad"
    bad.mkdir()
    for name, data in inputs.items():
        write(bad / name, data)
    for _ in range(3):  # more than KEEP_SNAPSHOTS failed builds in a row
        with pytest.raises(NothingBuilt, match="the previous tables were kept"):
            build_snapshot([bad], out=out, cache_dir=None)
    assert current_snapshot(out) == good
    # empty snapshots made on purpose after it never prune the last one that had articles
    for _ in range(3):
        build_snapshot([bad], out=out, cache_dir=None, allow_empty=True)
    assert good.is_dir()


def test_staging_folders_left_by_killed_builds_are_cleaned(tmp_path, samples):
    out = tmp_path / "tables"
    leftover = out / "snapshots" / ".20200101T000000000000-abcdef.partial"
    leftover.mkdir(parents=True)
    build_snapshot([samples], out=out, cache_dir=None)
    assert not leftover.exists()


def test_an_out_path_with_a_quote_is_read_back(tmp_path, samples):
    out = tmp_path / "it's tables"
    build_snapshot([samples], out=out, cache_dir=None)
    assert len(load_tables(out)["articles"]) == 5


NO_STORY = "no story text is left after removing markup and boilerplate; check that the file holds an article."


@pytest.mark.parametrize("body, is_html, expected", [
    # (organizations, events, rounds) found, or the one sentence the input fails with
    ("OpenAI released a new model today. DeepMind and Google responded.", False, (3, 0, 0)),
    ("🎉🎉 深势科技 🎉 完成融资 🚀🚀", False, (1, 1, 1)),
    ("1234567890 " * 200, False, NO_STORY),
    ("之江实验室" * 5000, False, (1, 0, 0)),
    ("<div><p></p><br><br></div>", True, NO_STORY),
    ("（）()（wǎng）網(wǎng)" * 20, False, (0, 0, 0)),
    ("据悉，" + "、".join(["北京大学"] * 300) + "等共同发起成立联盟。", False, (1, 1, 0)),
    ("2023年13月45日，某实验室成立。今年99月，去年0月。", False, (0, 0, 0)),
    ("超亿元数十亿美元近千万港元融资领投跟投投资人包括，，，等。", False, (0, 0, 0)),
])
def test_odd_articles_process_or_fail_with_a_reason(body, is_html, expected):
    from newsprep.errors import UnreadableInput
    from newsprep.readers import RawDocument

    raw = RawDocument(source_path="odd.txt", body=body, body_is_html=is_html, encoding="utf-8", date_raw="garbage")
    if isinstance(expected, str):
        with pytest.raises(UnreadableInput) as err:
            pipeline.process_document(raw)
        assert str(err.value) == expected
        return
    record = pipeline.process_document(raw)
    facts = record["facts"]
    assert (len(facts["orgs"]), len(facts["events"]), len(facts["funding"])) == expected
    assert record["published"] == {"year": None, "month": None, "day": None}  # "garbage" is no date
    for evidence in facts["evidence"]:
        assert evidence["sentence"] in record["text"]


def _report_of(tmp_path, inputs):
    result = pipeline.run([inputs], cache_dir=None)
    return {Path(row.input_path).name: (row.status, row.reason) for row in result.report}


def test_odd_files_fail_one_by_one_and_the_rest_build(tmp_path):
    inputs = tmp_path / "in"
    write(inputs / "good.txt", "之江实验室与北京大学签署战略合作协议。")
    write(inputs / "impossible_date.md", "---\ntitle: 测试\ndate: 2023-04-31\n---\n深势科技完成新一轮融资。")
    write(inputs / "odd_utf16.txt", "\ufeff之江实验室".encode("utf-16-le")[:-1], encoding="utf-8")
    write(inputs / "deep.json", "[" * 100_000 + "]" * 100_000)
    write(inputs / "wide.csv", "title,text\n长,{}\n短,之江实验室发布新平台。\n".format("之江实验室" * 30_000))
    os.mkfifo(inputs / "pipe.txt")
    (inputs / "zero.txt").symlink_to("/dev/zero")
    report = _report_of(tmp_path, inputs)
    assert report["good.txt"][0] == "ok"
    assert report["impossible_date.md"][0] == "ok"  # the body is kept; the date is judged, not raised
    assert report["odd_utf16.txt"] == ("failed", "the file is marked UTF-16 but is damaged at byte 10; re-save it as UTF-8.")
    assert report["deep.json"] == ("failed", "the JSON is nested too deeply to be an article export; re-export it flat.")
    assert report["wide.csv"][0] == "ok"  # a field over 131,072 characters no longer fails the export
    for special in ("pipe.txt", "zero.txt"):
        assert report[special] == ("failed", "this is not a regular file (a pipe, device or socket); only saved files are read.")


def test_folders_that_are_not_read_are_reported(tmp_path):
    inputs = tmp_path / "in"
    write(inputs / "good.txt", "之江实验室与北京大学签署战略合作协议。")
    (inputs / "loop").symlink_to(inputs, target_is_directory=True)
    report = _report_of(tmp_path, inputs)
    assert report["loop"] == ("failed", "a link to a folder is not followed (it could loop); pass the folder itself to read it.")
    assert report["good.txt"][0] == "ok"


def test_an_impossible_front_matter_date_keeps_its_month():
    from newsprep.readers import read_path

    [doc], _ = read_path(write(Path(__import__("tempfile").mkdtemp()) / "a.md",
                               "---\ndate: 2023-04-31\n---\n深势科技完成新一轮融资。"))
    assert doc.date_raw == "2023-04-31"
    assert pipeline.process_document(doc)["published"] == {"year": 2023, "month": 4, "day": None}


def test_zero_width_characters_do_not_hide_names():
    [sentence_orgs] = [[o["name"] for o in pipeline.process_document(
        __import__("newsprep.readers", fromlist=["RawDocument"]).RawDocument("z.txt", "之\u200b江实验室发布新平台。", False, "utf-8")
    )["facts"]["orgs"].values()]]
    assert sentence_orgs == ["之江实验室"]


def test_a_build_with_workers_gives_the_tables_of_a_build_without(tmp_path, monkeypatch):
    """Articles processed in two worker processes come out exactly as in one, bad inputs included."""
    from tests.conftest import ROOT

    monkeypatch.setattr(pipeline, "MIN_ARTICLES_PER_WORKER", 1)  # a pool even for a handful of articles
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for path in sorted((ROOT / "data" / "articles").iterdir()) + sorted((ROOT / "tests" / "fixtures" / "syndication").iterdir()):
        (inputs / path.name).write_bytes(path.read_bytes())
    (inputs / "broken.json").write_text('{"title": "x", "text": ', encoding="utf-8")
    built = {}
    for workers in (1, 2):
        result, _ = build_snapshot([inputs], out=tmp_path / f"tables{workers}", cache_dir=tmp_path / f"cache{workers}",
                                   workers=workers)
        built[workers] = (load_tables(tmp_path / f"tables{workers}"),
                          [(Path(r.input_path).name, r.status, r.reason) for r in result.report])
    assert built[1][1] == built[2][1] and any(status == "failed" for _, status, _ in built[1][1])
    for name, frame in built[1][0].items():
        pd.testing.assert_frame_equal(frame, built[2][0][name], obj=name)
