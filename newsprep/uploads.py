"""Accept files an admin uploads in the browser and store the acceptable ones as article inputs.

The dashboard hands over (file name, bytes) pairs; a `.zip` is opened and its members are taken
one by one. Every item gets one `UploadRow` saying whether it was stored, was already there, or
was rejected and why (one sentence: what was wrong and what to do). Accepted files land in the
inbox under a content-addressed name, so uploading the same files again changes nothing, and
nothing already in the inbox is ever overwritten or deleted. Bad input never raises: an item that
cannot be used is rejected on its own row and the rest of the upload goes on.

Text is not decoded or parsed here; `readers.py` does that when the inbox is built, and reports
what it cannot read. This module only decides what may be written to disk, and writes it safely.
"""

from __future__ import annotations

import hashlib
import io
import lzma
import os
import re
import secrets
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from newsprep.readers import MAX_ARTICLE_BYTES, MAX_EXPORT_BYTES, SUPPORTED_LIST, SUPPORTED_SUFFIXES

MB = 1024 * 1024

STORED = "stored"
UNCHANGED = "unchanged"
REJECTED = "rejected"

# The suffixes readers.py holds to MAX_EXPORT_BYTES (an export holds many articles); every other
# supported type is one article and held to MAX_ARTICLE_BYTES.
_EXPORT_SUFFIXES = (".json", ".jsonl", ".csv")

# A small file of repeated characters compresses far beyond any ratio and is harmless; the ratio
# test is for members big enough to hurt.
_RATIO_FLOOR_BYTES = 1 * MB

# Files operating systems put into archives on their own; nobody means to upload them.
_OS_JUNK = {"__macosx", "thumbs.db", "desktop.ini"}

_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9_.\-\u4e00-\u9fff]")
_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
_MAX_BASENAME = 80

# What a damaged or crafted member can raise while being unpacked, whatever its compression.
_UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError,
                  struct.error, RuntimeError)


@dataclass
class UploadRow:
    """The outcome for one uploaded file or archive member, as the upload page lists it."""

    name: str
    status: str  # "stored", "unchanged" (same bytes already stored), "rejected"
    reason: str = ""
    stored_as: str | None = None  # file name inside the inbox, for stored and unchanged rows


@dataclass(frozen=True)
class UploadLimits:
    """Caps on one upload. The defaults match what the readers will accept later, so nothing is
    stored that the build would only refuse."""

    max_file_bytes: int | None = None  # None: the readers' own caps for the file's type
    max_zip_bytes: int = 100 * MB
    max_files: int = 2000  # files stored or refused in one upload, zip members included
    max_total_uncompressed: int = 500 * MB  # declared unpacked size of one archive
    max_ratio: float = 100.0  # unpacked size / compressed size of one member
    max_members: int | None = None  # files in one archive; None: same as max_files

    @property
    def member_cap(self) -> int:
        return self.max_files if self.max_members is None else self.max_members


def store_uploads(files: Iterable[tuple[str, bytes]], inbox: Path,
                  limits: UploadLimits = UploadLimits()) -> list[UploadRow]:
    """Store every acceptable file of an upload in `inbox`; one row per file or archive member.

    Directories and OS junk inside archives (`__MACOSX/`, `.DS_Store`, hidden names) get no row."""
    batch = _Batch(Path(inbox), limits)
    try:
        batch.inbox.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # each save then fails on its own row, saying why
    for item in files:
        name = "(unnamed file)"
        try:
            name = str(item[0])
            data = bytes(item[1])  # bytearray/memoryview are fine; a str is not
            if _suffix(name) == ".zip":
                batch.add_archive(name, data)
            else:
                batch.add_file(name, data, in_archive=False)
        except Exception as err:  # the promise is one row per item, never an exception to the page
            batch.reject(name, f"the file could not be processed ({type(err).__name__}); "
                               "upload it again and report it if this repeats.")
    return batch.rows


def inbox_files(inbox: Path) -> list[Path]:
    """The files stored in the inbox, sorted by name; unfinished writes (.tmp) are left out."""
    inbox = Path(inbox)
    if not inbox.is_dir():
        return []
    return sorted((path for path in inbox.iterdir()
                   if path.is_file() and not path.name.startswith(".") and path.suffix != ".tmp"),
                  key=lambda path: path.name)


def safe_basename(name: str) -> str:
    """The last path component of `name`, safe as a file name on any system: characters outside
    letters, digits, `_ . -` and CJK become `_`, at most 80 characters, the suffix lowercase."""
    last = re.split(r"[/\\]", name)[-1]
    stem, suffix = os.path.splitext(last)
    suffix = _UNSAFE_NAME_CHARS.sub("_", suffix.lower())
    stem = _UNSAFE_NAME_CHARS.sub("_", stem) or "file"
    return stem[: max(1, _MAX_BASENAME - len(suffix))] + suffix


class _Batch:
    """One upload in progress: its rows, and how many files it has taken so far."""

    def __init__(self, inbox: Path, limits: UploadLimits):
        self.inbox = inbox
        self.limits = limits
        self.rows: list[UploadRow] = []
        self.taken = 0

    def reject(self, name: str, reason: str) -> None:
        self.rows.append(UploadRow(name, REJECTED, reason))

    def _take_slot(self, name: str) -> bool:
        """Count one more file; past the cap it is rejected and the ones before it still stand."""
        self.taken += 1
        if self.taken > self.limits.max_files:
            self.reject(name, f"too many files in one upload (the limit is {self.limits.max_files}); "
                              "upload this one again in a later batch.")
            return False
        return True

    def add_file(self, name: str, data: bytes, in_archive: bool) -> None:
        if not self._take_slot(name):
            return
        problem = _refusal(_suffix(name), len(data), in_archive, self.limits)
        if problem:
            self.reject(name, problem)
            return
        self.rows.append(self._save(name, data))

    def add_archive(self, name: str, data: bytes) -> None:
        limits = self.limits
        if self.taken >= limits.max_files:
            # one row for the whole archive rather than one per member nobody will look at
            self.reject(name, f"too many files in one upload (the limit is {limits.max_files}); "
                              "upload this archive again in a later batch.")
            return
        if not data:
            self.reject(name, "the archive is empty; upload a .zip that holds article files.")
            return
        if len(data) > limits.max_zip_bytes:
            self.reject(name, f"the archive is {_size(len(data))}, more than the {_size(limits.max_zip_bytes)} "
                              "one archive may have; split it into smaller archives.")
            return
        # zipfile reads the whole central directory into memory; a tiny archive can declare
        # millions of entries, so their count is checked from the end record first.
        declared = _declared_entry_count(data)
        if declared is not None and declared > 2 * limits.member_cap + 1000:  # room for folder entries
            self.reject(name, _too_many_members(declared, limits))
            return
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except (*_UNPACK_ERRORS, NotImplementedError) as err:
            self.reject(name, f"this is not a readable zip archive ({_detail(err)}); "
                              "re-create it or upload the files themselves.")
            return
        with archive:
            self._add_members(name, archive)

    def _add_members(self, archive_name: str, archive: zipfile.ZipFile) -> None:
        limits = self.limits
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > limits.member_cap:
            self.reject(archive_name, _too_many_members(len(members), limits))
            return
        # Refuse on the declared sizes before anything is unpacked; the reads below are bounded
        # by the same declarations, so a header that lies cannot make them larger.
        declared_total = sum(info.file_size for info in members)
        if declared_total > limits.max_total_uncompressed:
            self.reject(archive_name, f"the archive would unpack to {_size(declared_total)}, more than the "
                                      f"{_size(limits.max_total_uncompressed)} allowed; "
                                      "split it into smaller archives.")
            return
        for info in members:
            member = _member_name(info)
            label = f"{archive_name}/{member}"
            # judged before the junk test, which would otherwise hide '../x' as a hidden name
            if _unsafe_member_path(member):
                self.reject(label, "its path inside the archive is absolute or leaves the archive folder "
                                   "(a leading '/', '..', a drive letter or a backslash); "
                                   "re-create the archive with plain relative paths.")
                continue
            if _is_junk(member):
                continue
            if not self._take_slot(label):
                continue
            problem = self._member_refusal(info, member)
            if problem:
                self.reject(label, problem)
                continue
            try:
                with archive.open(info) as handle:
                    data = handle.read(info.file_size + 1)
            except NotImplementedError:
                self.reject(label, "it is compressed with a method that cannot be unpacked here; "
                                   "re-create the archive with standard (deflate) compression.")
                continue
            except _UNPACK_ERRORS as err:
                self.reject(label, f"it could not be unpacked ({_detail(err)}); re-create the archive.")
                continue
            if len(data) > info.file_size:
                self.reject(label, "it holds more data than the archive declares for it, so the archive is "
                                   "damaged or crafted; re-create the archive.")
                continue
            self.rows.append(self._save(label, data))

    def _member_refusal(self, info: zipfile.ZipInfo, member: str) -> str | None:
        """Why an archive member is refused before it is unpacked, or None."""
        if stat.S_ISLNK(info.external_attr >> 16):
            return "it is a symbolic link, not a file; put the file itself in the archive."
        if info.flag_bits & 0x1:
            return "it is password-protected; re-create the archive without a password."
        problem = _refusal(_suffix(member), info.file_size, True, self.limits)
        if problem:
            return problem
        if info.file_size > _RATIO_FLOOR_BYTES and (
                info.compress_size == 0 or info.file_size / info.compress_size > self.limits.max_ratio):
            return (f"it would unpack to {_size(info.file_size)}, more than {self.limits.max_ratio:g} times "
                    "its compressed size, which is how a zip bomb looks; upload the file itself instead.")
        return None

    def _save(self, name: str, data: bytes) -> UploadRow:
        """Write `data` into the inbox under its content hash, or report it is already there."""
        digest = hashlib.sha256(data).hexdigest()[:16]
        try:
            existing = sorted(path.name for path in self.inbox.glob(f"{digest}-*") if path.is_file())
        except OSError:
            existing = []
        if existing:
            return UploadRow(name, UNCHANGED, stored_as=existing[0])
        final = f"{digest}-{safe_basename(name)}"
        # A hidden temporary name: readers skip dot-files, so a build scanning the inbox meanwhile
        # never sees half a file; os.replace then makes the whole file appear at once.
        temporary = self.inbox / f".{digest}-{secrets.token_hex(4)}.tmp"
        try:
            with open(temporary, "xb") as handle:  # "x": never reuse a file someone else is writing
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            # Only the same bytes can have this name, so replacing a file a parallel upload just
            # wrote cannot change what is stored.
            os.replace(temporary, self.inbox / final)
        except OSError as err:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass
            return UploadRow(name, REJECTED, f"the file could not be saved in the inbox ({_detail(err)}); "
                                             "check that the inbox folder exists and is writable.")
        return UploadRow(name, STORED, stored_as=final)


def _refusal(suffix: str, size: int, in_archive: bool, limits: UploadLimits) -> str | None:
    """Why a file of this type and size is refused, or None. `size` is the declared size for an
    archive member, so an oversized one is refused without being unpacked."""
    if suffix == ".zip" and in_archive:
        return "a zip inside a zip is not opened; unpack the inner archive and upload it on its own."
    if suffix not in SUPPORTED_SUFFIXES:
        shown = _printable(suffix) or "(none)"
        if in_archive:
            return f"unsupported file type '{shown}'; only {SUPPORTED_LIST} files are taken from an archive."
        return f"unsupported file type '{shown}'; upload {SUPPORTED_LIST} files, or a .zip of them."
    if size == 0:
        return "the file is empty; upload a file with the article text in it."
    cap, kind = _file_cap(suffix, limits)
    if size > cap:
        return f"the file is {_size(size)}, more than the {_size(cap)} {kind} may have; split it into smaller files."
    return None


def _file_cap(suffix: str, limits: UploadLimits) -> tuple[int, str]:
    if limits.max_file_bytes is not None:
        return limits.max_file_bytes, "one file"
    if suffix in _EXPORT_SUFFIXES:
        return MAX_EXPORT_BYTES, "an export file"
    return MAX_ARTICLE_BYTES, "an article file"


def _too_many_members(count: int, limits: UploadLimits) -> str:
    return (f"the archive holds {count} entries, more than the {limits.member_cap} files one archive "
            "may have; split it into smaller archives.")


def _suffix(name: str) -> str:
    return os.path.splitext(re.split(r"[/\\]", name)[-1])[1].lower()


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its author wrote it. Without the UTF-8 flag zipfile decodes names as
    cp437, which turns the GBK names Chinese Windows writes into mojibake; undo that when the raw
    bytes read as UTF-8 or GB18030."""
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    if raw.isascii():
        return name
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return name


def _unsafe_member_path(name: str) -> bool:
    """A path that would land outside the folder it is unpacked into, on some system."""
    if name.startswith("/") or "\\" in name or _DRIVE_LETTER.match(name):
        return True
    return ".." in name.split("/")


def _is_junk(name: str) -> bool:
    parts = [part for part in name.split("/") if part not in ("", ".")]
    return any(part.startswith(".") or part.lower() in _OS_JUNK for part in parts)


def _declared_entry_count(data: bytes) -> int | None:
    """The entry count the archive's end record declares, or None when it cannot be found (then
    zipfile judges the archive)."""
    # The end record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 65535))
    if end < 0 or end + 22 > len(data):
        return None
    count = int.from_bytes(data[end + 10:end + 12], "little")
    if count != 0xFFFF:
        return count
    # 0xFFFF means "see the Zip64 end record", found through the locator just before.
    locator = end - 20
    if locator < 0 or data[locator:locator + 4] != b"PK\x06\x07":
        return None
    offset = int.from_bytes(data[locator + 8:locator + 16], "little")
    if data[offset:offset + 4] != b"PK\x06\x06":
        return None
    return int.from_bytes(data[offset + 32:offset + 40], "little")


def _size(size: int) -> str:
    """A size for a reason sentence: MB for the real caps, smaller units for small test limits."""
    if size >= MB // 10:
        return f"{size / MB:.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{size} bytes"


def _printable(text: str) -> str:
    """`text` fit to quote inside a one-line reason."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:20]


def _detail(err: BaseException) -> str:
    """An error's message, fit inside a one-sentence reason: one line, no sentence break."""
    text = getattr(err, "strerror", None) or str(err) or type(err).__name__
    text = re.sub(r"\s+", " ", text).strip().rstrip(".")
    return text.replace(". ", "; ")[:160]
