"""Browser uploads: good files are stored once under their content hash, bad ones are refused one by
one with a one-sentence reason, and nothing is ever written outside the inbox."""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
from pathlib import Path
from typing import Callable

import pytest

from newsprep.uploads import (
    REJECTED,
    STORED,
    UNCHANGED,
    UploadLimits,
    UploadRow,
    inbox_files,
    safe_basename,
    store_uploads,
)

STORY = "之江实验室与北京大学签署战略合作协议。双方将共建智能计算联合研究中心。".encode()
OTHER = "深势科技完成新一轮融资，将用于药物研发平台建设。".encode()
THIRD = "上海人工智能实验室发布科学大模型。".encode()


def zip_of(*members: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def symlink_member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3  # unix, where the mode bits live in the high half of external_attr
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def patch_central_entry(data: bytes, offset: int, value: bytes, local_offset: int | None = None) -> bytes:
    """Overwrite a field of the (only) member's central directory entry, and of its local header."""
    patched = bytearray(data)
    central = patched.rfind(b"PK\x01\x02")
    patched[central + offset:central + offset + len(value)] = value
    if local_offset is not None:
        local = patched.find(b"PK\x03\x04")
        patched[local + local_offset:local + local_offset + len(value)] = value
    return bytes(patched)


def encrypted_zip() -> bytes:
    # zipfile cannot write encrypted members; set the "encrypted" flag bit the reader goes by
    data = zip_of(("secret.txt", STORY))
    central = data.rfind(b"PK\x01\x02")
    return patch_central_entry(data, 8, bytes([data[central + 8] | 0x1]))


def lying_size_zip() -> bytes:
    # 2 MB of text whose headers claim 10 bytes: unpacking must stop near 10, not trust the data
    return patch_central_entry(zip_of(("liar.txt", b"A" * 2_000_000)), 24, (10).to_bytes(4, "little"),
                               local_offset=22)


def deflate64_zip() -> bytes:
    # method 9 (Deflate64) is what Windows Explorer writes for large files; zipfile cannot unpack it
    return patch_central_entry(zip_of(("old.txt", STORY)), 10, (9).to_bytes(2, "little"), local_offset=8)


def gbk_named_zip() -> bytes:
    # Chinese Windows writes GBK names without the UTF-8 flag; write an ASCII name of the same
    # length and swap its bytes in both headers
    return zip_of(("abcd.txt", STORY)).replace(b"abcd.txt", "新闻.txt".encode("gbk"))


UNSUPPORTED = "unsupported file type '.exe'; upload .txt, .md, .html, .json, .jsonl or .csv files, or a .zip of them."
TRAVERSAL = "leaves the archive folder"

# id, uploads (built lazily: the zip bomb takes a moment), limits, expected rows (name, status, reason part)
Case = tuple[Callable[[], list[tuple[str, bytes]]], UploadLimits, list[tuple[str, str, str]]]
CASES: dict[str, Case] = {
    "plain-file-stored": (
        lambda: [("新闻 稿.txt", STORY)], UploadLimits(),
        [("新闻 稿.txt", STORED, "")]),
    "same-bytes-twice-in-one-upload": (
        lambda: [("a.txt", STORY), ("copy-of-a.md", STORY)], UploadLimits(),
        [("a.txt", STORED, ""), ("copy-of-a.md", UNCHANGED, "")]),
    "zip-two-good-one-exe": (
        lambda: [("batch.zip", zip_of(("one.txt", STORY), ("sub/two.md", OTHER), ("tool.exe", b"MZ\x90")))],
        UploadLimits(),
        [("batch.zip/one.txt", STORED, ""), ("batch.zip/sub/two.md", STORED, ""),
         ("batch.zip/tool.exe", REJECTED, "unsupported file type '.exe'; only .txt")]),
    "unsupported-type": (
        lambda: [("setup.exe", b"MZ\x90"), ("ok.txt", STORY)], UploadLimits(),
        [("setup.exe", REJECTED, UNSUPPORTED), ("ok.txt", STORED, "")]),
    "no-suffix": (
        lambda: [("README", STORY)], UploadLimits(),
        [("README", REJECTED, "unsupported file type '(none)'")]),
    "empty-file": (
        lambda: [("empty.txt", b""), ("ok.txt", STORY)], UploadLimits(),
        [("empty.txt", REJECTED, "the file is empty"), ("ok.txt", STORED, "")]),
    "empty-member": (
        lambda: [("a.zip", zip_of(("blank.md", b"")))], UploadLimits(),
        [("a.zip/blank.md", REJECTED, "the file is empty")]),
    "empty-archive-file": (
        lambda: [("nothing.zip", b"")], UploadLimits(),
        [("nothing.zip", REJECTED, "the archive is empty")]),
    "oversize-file": (
        lambda: [("big.txt", b"x" * 101), ("small.txt", b"x" * 100)], UploadLimits(max_file_bytes=100),
        [("big.txt", REJECTED, "the file is 101 bytes, more than the 100 bytes one file may have"),
         ("small.txt", STORED, "")]),
    "oversize-file-in-mb": (
        lambda: [("big.csv", b"x" * (3 * 1024 * 1024))], UploadLimits(max_file_bytes=2 * 1024 * 1024),
        [("big.csv", REJECTED, "the file is 3 MB, more than the 2 MB one file may have")]),
    "oversize-member-by-declared-size": (
        lambda: [("a.zip", zip_of(("big.txt", b"y" * 500), ("ok.txt", STORY)))], UploadLimits(max_file_bytes=400),
        [("a.zip/big.txt", REJECTED, "more than the 400 bytes"), ("a.zip/ok.txt", STORED, "")]),
    "oversize-archive": (
        lambda: [("a.zip", zip_of(("ok.txt", STORY)))], UploadLimits(max_zip_bytes=50),
        [("a.zip", REJECTED, "one archive may have")]),
    "too-many-files": (
        lambda: [("1.txt", STORY), ("2.txt", OTHER), ("3.txt", THIRD)], UploadLimits(max_files=2),
        [("1.txt", STORED, ""), ("2.txt", STORED, ""), ("3.txt", REJECTED, "too many files in one upload")]),
    "too-many-files-counts-zip-members": (
        lambda: [("1.txt", STORY), ("a.zip", zip_of(("2.txt", OTHER), ("3.txt", THIRD))),
                 ("b.zip", zip_of(("4.txt", b"four")))],
        UploadLimits(max_files=2, max_members=5),
        [("1.txt", STORED, ""), ("a.zip/2.txt", STORED, ""), ("a.zip/3.txt", REJECTED, "too many files"),
         ("b.zip", REJECTED, "upload this archive again in a later batch")]),
    "too-many-members": (
        lambda: [("a.zip", zip_of(("1.txt", STORY), ("2.txt", OTHER), ("3.txt", THIRD)))],
        UploadLimits(max_members=2),
        [("a.zip", REJECTED, "the archive holds 3 entries, more than the 2 files")]),
    "path-traversal": (
        lambda: [("evil.zip", zip_of(("../evil.txt", b"e1"), ("/abs.txt", b"e2"), ("C:/drive.txt", b"e3"),
                                     ("sub\\back.txt", b"e4"), ("a/../../up.txt", b"e5"), ("good.txt", STORY)))],
        UploadLimits(),
        [("evil.zip/../evil.txt", REJECTED, TRAVERSAL), ("evil.zip//abs.txt", REJECTED, TRAVERSAL),
         ("evil.zip/C:/drive.txt", REJECTED, TRAVERSAL), ("evil.zip/sub\\back.txt", REJECTED, TRAVERSAL),
         ("evil.zip/a/../../up.txt", REJECTED, TRAVERSAL), ("evil.zip/good.txt", STORED, "")]),
    "zip-bomb-ratio": (
        lambda: [("bomb.zip", zip_of(("zeros.txt", bytes(10_000_000)), ("ok.txt", STORY)))], UploadLimits(),
        [("bomb.zip/zeros.txt", REJECTED, "zip bomb"), ("bomb.zip/ok.txt", STORED, "")]),
    "total-uncompressed-over-cap": (
        lambda: [("a.zip", zip_of(("1.txt", b"1" * 600), ("2.txt", b"2" * 600)))],
        UploadLimits(max_total_uncompressed=1000),
        [("a.zip", REJECTED, "the archive would unpack to 1.2 KB, more than the 1000 bytes allowed")]),
    "lying-size-header": (
        lambda: [("liar.zip", lying_size_zip())], UploadLimits(),
        [("liar.zip/liar.txt", REJECTED, "re-create the archive")]),
    "nested-zip": (
        lambda: [("outer.zip", zip_of(("inner.zip", zip_of(("x.txt", STORY))), ("ok.txt", OTHER)))],
        UploadLimits(),
        [("outer.zip/inner.zip", REJECTED, "a zip inside a zip is not opened"), ("outer.zip/ok.txt", STORED, "")]),
    "corrupt-zip": (
        lambda: [("broken.zip", b"PK\x03\x04 this is not really an archive"), ("ok.txt", STORY)], UploadLimits(),
        [("broken.zip", REJECTED, "this is not a readable zip archive"), ("ok.txt", STORED, "")]),
    "truncated-zip": (
        lambda: [("cut.zip", zip_of(("a.txt", STORY), ("b.txt", OTHER))[:60])], UploadLimits(),
        [("cut.zip", REJECTED, "this is not a readable zip archive")]),
    "symlink-member": (
        lambda: [("links.zip", zip_of((symlink_member("passwd.txt"), b"/etc/passwd"), ("ok.txt", STORY)))],
        UploadLimits(),
        [("links.zip/passwd.txt", REJECTED, "symbolic link"), ("links.zip/ok.txt", STORED, "")]),
    "encrypted-member": (
        lambda: [("locked.zip", encrypted_zip())], UploadLimits(),
        [("locked.zip/secret.txt", REJECTED, "password-protected")]),
    "unsupported-compression": (
        lambda: [("old.zip", deflate64_zip())], UploadLimits(),
        [("old.zip/old.txt", REJECTED, "compressed with a method that cannot be unpacked")]),
    "hidden-and-os-junk-skipped": (
        lambda: [("mac.zip", zip_of(("folder/", b""), ("__MACOSX/folder/._a.txt", b"junk"), (".DS_Store", b"junk"),
                                    ("folder/.hidden.txt", b"junk"), ("folder/Thumbs.db", b"junk"),
                                    (".git/config.txt", b"junk"), ("folder/a.txt", STORY)))],
        UploadLimits(),
        [("mac.zip/folder/a.txt", STORED, "")]),
    "gbk-member-name": (
        lambda: [("cn.zip", gbk_named_zip())], UploadLimits(),
        [("cn.zip/新闻.txt", STORED, "")]),
    "malformed-item-does-not-stop-the-rest": (
        lambda: [("text-not-bytes.txt", "a str is not bytes"), ("ok.txt", STORY)], UploadLimits(),
        [("text-not-bytes.txt", REJECTED, "could not be processed"), ("ok.txt", STORED, "")]),
}


def run_case(case_id: str, inbox: Path) -> list[UploadRow]:
    uploads, limits, _ = CASES[case_id]
    return store_uploads(uploads(), inbox, limits)


@pytest.mark.parametrize("case_id", list(CASES), ids=list(CASES))
def test_upload_outcomes(tmp_path, case_id):
    inbox = tmp_path / "inbox"
    rows = run_case(case_id, inbox)
    expected = CASES[case_id][2]

    assert [(row.name, row.status) for row in rows] == [(name, status) for name, status, _ in expected]
    for row, (_, status, reason_part) in zip(rows, expected):
        assert reason_part in row.reason
        if status == REJECTED:
            assert row.stored_as is None
        else:
            assert row.reason == "" and row.stored_as is not None
            assert (inbox / row.stored_as).is_file()

    # the inbox holds exactly the stored files, complete, and no temporary left behind
    stored = {row.stored_as for row in rows if row.status == STORED}
    assert {path.name for path in inbox_files(inbox)} == stored
    assert not [path for path in inbox.iterdir() if path.name.startswith(".") or path.suffix == ".tmp"]
    for path in inbox_files(inbox):
        assert len(path.read_bytes()) > 0
    # nothing lands beside the inbox, whatever the archive's paths said
    assert [path.name for path in tmp_path.iterdir()] == ["inbox"]


@pytest.mark.parametrize("case_id", list(CASES), ids=list(CASES))
def test_every_reason_is_one_sentence(tmp_path, case_id):
    for row in run_case(case_id, tmp_path / "inbox"):
        if row.status == REJECTED:
            assert row.reason.endswith(".") and "\n" not in row.reason, row.reason
            assert ". " not in row.reason, row.reason  # one sentence: no second one after a full stop
            assert row.reason[0].islower(), row.reason


def test_stored_name_is_hash_and_safe_basename(tmp_path):
    [row] = store_uploads([("报告/2024 (终稿).TXT", STORY)], tmp_path)
    digest = hashlib.sha256(STORY).hexdigest()[:16]
    assert row.stored_as == f"{digest}-2024__终稿_.txt"
    assert (tmp_path / row.stored_as).read_bytes() == STORY


def test_gbk_member_is_stored_under_its_chinese_name(tmp_path):
    [row] = store_uploads([("cn.zip", gbk_named_zip())], tmp_path)
    assert row.stored_as.endswith("-新闻.txt")
    assert (tmp_path / row.stored_as).read_bytes() == STORY


def test_lying_header_stores_nothing_and_reads_little(tmp_path):
    [row] = store_uploads([("liar.zip", lying_size_zip())], tmp_path)
    assert row.status == REJECTED
    assert inbox_files(tmp_path) == []


@pytest.mark.parametrize("uploads", [
    pytest.param([("a.txt", STORY), ("b.md", OTHER)], id="plain-files"),
    pytest.param([("batch.zip", zip_of(("a.txt", STORY), ("b.md", OTHER)))], id="zip"),
])
def test_uploading_again_changes_nothing(tmp_path, uploads):
    first = store_uploads(uploads, tmp_path)
    assert [row.status for row in first] == [STORED, STORED]
    before = {path.name: path.stat().st_mtime_ns for path in inbox_files(tmp_path)}

    again = store_uploads(uploads, tmp_path)

    assert [row.status for row in again] == [UNCHANGED, UNCHANGED]
    assert [row.stored_as for row in again] == [row.stored_as for row in first]
    assert {path.name: path.stat().st_mtime_ns for path in inbox_files(tmp_path)} == before


def test_same_bytes_under_another_name_is_unchanged(tmp_path):
    [first] = store_uploads([("a.txt", STORY)], tmp_path)
    [again] = store_uploads([("renamed.md", STORY)], tmp_path)
    assert again.status == UNCHANGED and again.stored_as == first.stored_as
    assert len(inbox_files(tmp_path)) == 1


def test_files_already_in_the_inbox_are_never_touched(tmp_path):
    mine = tmp_path / "hand-placed.txt"
    mine.write_bytes(b"placed by hand")
    store_uploads([("hand-placed.txt", STORY), ("x.zip", zip_of(("hand-placed.txt", OTHER)))], tmp_path)
    assert mine.read_bytes() == b"placed by hand"
    assert len(inbox_files(tmp_path)) == 3


def test_traversal_members_are_not_written_anywhere(tmp_path):
    inbox = tmp_path / "deep" / "inbox"
    archive = zip_of(("../evil.txt", b"e1"), ("../../evil2.txt", b"e2"), ("/abs.txt", b"e3"))
    rows = store_uploads([("evil.zip", archive)], inbox)
    assert [row.status for row in rows] == [REJECTED] * 3
    written = sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*"))
    assert written == ["deep", "deep/inbox"]
    assert not (tmp_path.parent / "evil2.txt").exists()


def test_an_unwritable_inbox_gives_rejected_rows_not_an_exception(tmp_path):
    not_a_folder = tmp_path / "inbox"
    not_a_folder.write_bytes(b"a file where the inbox should be")
    rows = store_uploads([("a.txt", STORY), ("b.txt", OTHER)], not_a_folder)
    assert [row.status for row in rows] == [REJECTED, REJECTED]
    assert all(row.reason.startswith("the file could not be saved in the inbox") for row in rows)
    assert not_a_folder.read_bytes() == b"a file where the inbox should be"


def test_inbox_files_sorted_and_without_temporaries(tmp_path):
    for name in ("b-two.txt", "a-one.md", ".abc-123.tmp", "left.tmp", ".hidden"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "folder").mkdir()
    assert [path.name for path in inbox_files(tmp_path)] == ["a-one.md", "b-two.txt"]
    assert inbox_files(tmp_path / "missing") == []


@pytest.mark.parametrize("name, expected", [
    ("a.txt", "a.txt"),
    ("dir/sub/报道.MD", "报道.md"),
    ("C:\\Users\\me\\新闻 稿(1).Html", "新闻_稿_1_.html"),
    ("../../etc/passwd.txt", "passwd.txt"),
    ("x" * 200 + ".JSONL", "x" * 74 + ".jsonl"),
    (".txt", ".txt"),  # the hash prefix keeps it from being a hidden name
    ("dir/", "file"),
], ids=["plain", "last-component-lower-suffix", "backslashes-and-spaces", "traversal", "long", "dot-only", "empty"])
def test_safe_basename(name, expected):
    assert safe_basename(name) == expected
    assert len(safe_basename(name)) <= 80


def folders_only_zip(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i in range(count):
            archive.writestr(f"d{i}/", b"")
    return buffer.getvalue()


@pytest.mark.parametrize("count, limits", [
    pytest.param(1100, UploadLimits(max_members=1), id="end-record"),
    pytest.param(70_000, UploadLimits(), id="zip64-end-record"),  # over 0xFFFF entries: Zip64 count
])
def test_entry_count_is_refused_before_zipfile_parses_the_directory(tmp_path, count, limits):
    # Folder entries alone are never rows once zipfile has parsed the archive, so a rejection here
    # can only come from the count read out of the end record before parsing.
    [row] = store_uploads([("many.zip", folders_only_zip(count))], tmp_path, limits)
    assert row.status == REJECTED and f"holds {count} entries" in row.reason
    assert inbox_files(tmp_path) == []
