"""Admin sign-in, without Streamlit: password hashing, a login throttle and reading the admin config.

The dashboard is read-only for everyone; the upload and curation pages are for one admin. How the
admin proves who they are comes from configuration, read by :func:`admin_config` in this order:

1. OIDC (Streamlit's ``st.login``) when ``secrets["auth"]`` holds a ``client_id``; admins are the
   e-mail addresses in ``secrets["admin"]["emails"]``.
2. A local account: ``secrets["admin"]["user"]`` / ``NEWSPREP_ADMIN_USER`` (default ``admin``) and
   an argon2 hash in ``secrets["admin"]["password_hash"]`` / ``NEWSPREP_ADMIN_PASSWORD_HASH``.
3. Nothing: the app stays read-only and there is no way in.

Only hashes are ever read from configuration; make one with ``python -m newsprep admin-password``
(:func:`main_hash`). The Streamlit glue lives in ``components/auth.py``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 12
ENV_USER = "NEWSPREP_ADMIN_USER"
ENV_PASSWORD_HASH = "NEWSPREP_ADMIN_PASSWORD_HASH"
DEFAULT_USER = "admin"

# argon2id with argon2-cffi's defaults (RFC 9106 "low memory" profile). A PasswordHasher only holds
# parameters, so one instance is safely shared by every thread of the server.
_HASHER = PasswordHasher()


# ---------------------------------------------------------------------------------------------- hashing

def hash_password(password: str) -> str:
    """An argon2id hash of `password` (salted, self-describing: ``$argon2id$v=19$m=…``)."""
    if not isinstance(password, str):
        raise TypeError("The password must be text.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether `password` matches `stored_hash`; False, never an exception, for a wrong password or a
    missing, garbled or non-argon2 hash (a plain-text "hash" in the config therefore never matches)."""
    if not isinstance(stored_hash, str) or not isinstance(password, str) or not stored_hash:
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        # VerifyMismatchError is a VerificationError; a hash with impossible parameters raises the
        # base class, and one that does not parse raises InvalidHashError (a ValueError).
        return False


# --------------------------------------------------------------------------------------------- throttle

GLOBAL_KEY = "*"


@dataclass
class _Record:
    """Recent failures of one key and how long it is locked."""

    times: deque[float] = field(default_factory=deque)
    level: int = 0  # how many locks this streak has earned; each one doubles the next
    locked_until: float = 0.0


class LoginThrottle:
    """Slows password guessing: one instance is shared by every session of the server.

    A key (a lowercased user name) that fails `limit` times within `window` seconds is locked for
    `base_lock` seconds, and every further failure before the streak ends doubles the lock, up to
    `max_lock`. A streak ends on success, or after a whole `window` without a failure once the lock
    has run out. Every failure also counts against the global key ``"*"`` with the higher
    `global_limit`, so spreading guesses over many user names is slowed too. Times are `time.monotonic` seconds unless `now` is given.
    """

    def __init__(self, limit: int = 5, global_limit: int = 50, window: float = 15 * 60,
                 base_lock: float = 30.0, max_lock: float = 15 * 60) -> None:
        self.limit, self.global_limit = limit, global_limit
        self.window, self.base_lock, self.max_lock = window, base_lock, max_lock
        self._records: dict[tuple[str, str], _Record] = {}
        # Streamlit runs every session's script in its own thread; the records are shared.
        self._lock = threading.Lock()

    @staticmethod
    def _user_key(key: str) -> tuple[str, str]:
        # User names and the global key live in separate namespaces, so a user literally named "*"
        # cannot lock (or unlock) everyone. Names are capped so a pasted novel costs no memory.
        return ("user", str(key).strip().lower()[:256])

    _GLOBAL = ("global", GLOBAL_KEY)

    def check(self, key: str, now: float | None = None) -> float:
        """Seconds to wait before `key` may try again (0.0 when a try is allowed now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            waits = [record.locked_until - now
                     for record in (self._records.get(self._user_key(key)), self._records.get(self._GLOBAL))
                     if record is not None]
        return max([0.0, *waits])

    def failed(self, key: str, now: float | None = None) -> None:
        """Count one failed sign-in for `key` (and for the global key)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._count(self._user_key(key), self.limit, now)
            self._count(self._GLOBAL, self.global_limit, now)
            if len(self._records) > 1024:
                self._forget_stale(now)

    def succeeded(self, key: str) -> None:
        """Forget `key`'s failures. The global count stays: one right password elsewhere says nothing
        about the guesses made against other names."""
        with self._lock:
            self._records.pop(self._user_key(key), None)

    def _count(self, key: tuple[str, str], limit: int, now: float) -> None:
        record = self._records.get(key)
        if record is None or self._streak_over(record, now):
            record = self._records[key] = _Record()
        while record.times and now - record.times[0] >= self.window:
            record.times.popleft()
        record.times.append(now)
        # Once locked, every further failure in the streak escalates, even if older failures have
        # meanwhile left the window; otherwise long locks would let the count drop back under `limit`.
        if record.level or len(record.times) >= limit:
            record.level += 1
            lock = min(self.base_lock * 2 ** min(record.level - 1, 32), self.max_lock)
            record.locked_until = max(record.locked_until, now + lock)
        # Only the failures inside the window matter; keep the deque from growing with a misbehaving caller.
        while len(record.times) > limit:
            record.times.popleft()

    def _streak_over(self, record: _Record, now: float) -> bool:
        """A whole window of quiet forgives the streak, doubling included. The quiet is counted from
        the end of the lock: with a 15-minute lock, waiting it out must not also wipe the slate, or a
        guesser would get a fresh five tries every 15 minutes instead of one."""
        last = record.times[-1] if record.times else float("-inf")
        return now - max(last, record.locked_until) >= self.window

    def _forget_stale(self, now: float) -> None:
        """Drop keys whose streak is over, so many one-off user names cannot fill memory."""
        for key in [k for k, r in self._records.items() if self._streak_over(r, now)]:
            del self._records[key]


# ------------------------------------------------------------------------------------------------ config

Mode = Literal["oidc", "password", "none"]


@dataclass(frozen=True)
class AdminConfig:
    """How the admin signs in. `mode` is "oidc", "password" or "none" (read-only, no way in)."""

    mode: Mode
    user: str = ""
    # Kept out of repr so a logged config never shows the hash.
    password_hash: str = field(default="", repr=False)
    admin_emails: frozenset[str] = frozenset()
    provider: str | None = None  # the st.login(provider) name when [auth.<provider>] is used
    reason: str = ""  # for mode "none": why, in one sentence


def _section(mapping: Mapping, name: str) -> Mapping:
    value = mapping.get(name) if isinstance(mapping, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _oidc_provider(auth: Mapping) -> tuple[bool, str | None]:
    """Whether `auth` sets up st.login, and the provider name to pass it (None for the default)."""
    if _text(auth.get("client_id")):
        return True, None
    # st.login also accepts named providers: [auth.google] client_id = "…"
    for name, value in auth.items():
        if isinstance(value, Mapping) and _text(value.get("client_id")):
            return True, str(name)
    return False, None


def _emails(value: object) -> frozenset[str]:
    # `emails = "a@x.org"` (a string, not a list) is an easy TOML slip; iterating it would make
    # every single character an "admin e-mail".
    items = [value] if isinstance(value, str) else value if isinstance(value, (list, tuple, set, frozenset)) else []
    return frozenset(e for e in (_text(item).lower() for item in items) if e)


def admin_config(secrets: Mapping, environ: Mapping) -> AdminConfig:
    """Read how the admin signs in from Streamlit secrets (as a mapping) and the environment."""
    secrets = secrets if isinstance(secrets, Mapping) else {}
    admin = _section(secrets, "admin")

    oidc, provider = _oidc_provider(_section(secrets, "auth"))
    if oidc:
        # With OIDC anyone with an account at the provider can log in; only listed e-mails are admins,
        # and an empty list means nobody is.
        return AdminConfig("oidc", admin_emails=_emails(admin.get("emails")), provider=provider)

    user = _text(admin.get("user")) or _text(environ.get(ENV_USER)) or DEFAULT_USER
    password_hash = _text(admin.get("password_hash")) or _text(environ.get(ENV_PASSWORD_HASH))
    if password_hash.startswith("$argon2"):
        return AdminConfig("password", user=user, password_hash=password_hash)
    if password_hash:
        return AdminConfig("none", reason="The configured admin password_hash is not an argon2 hash; "
                                          "make one with `python -m newsprep admin-password`.")
    if "password" in admin or "NEWSPREP_ADMIN_PASSWORD" in environ:
        # Deliberately never used: a plain-text password in a file or the environment leaks too easily.
        return AdminConfig("none", reason="A plain-text admin password is not accepted; set password_hash "
                                          "from `python -m newsprep admin-password` instead.")
    return AdminConfig("none", reason="No admin is configured.")


# ------------------------------------------------------------------------------------------------- command

def _read_password() -> str:
    """The new password: typed twice at a terminal, or one line from piped stdin."""
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("New admin password: ")
        if first != getpass.getpass("Repeat it: "):
            raise ValueError("The two passwords differ; nothing was written.")
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.removesuffix("\n").removesuffix("\r")


def main_hash(argv: list[str] | None = None) -> int:
    """``python -m newsprep admin-password``: print an argon2 hash of a new admin password and where to put it."""
    parser = argparse.ArgumentParser(
        prog="python -m newsprep admin-password",
        description="Hash a new admin password (typed twice, or one line on stdin) and print the hash with the "
                    "lines to paste into .streamlit/secrets.toml. The password itself is never stored.")
    parser.parse_args(argv)
    try:
        password_hash = hash_password(_read_password())
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, EOFError):
        print("interrupted; nothing was written.", file=sys.stderr)
        return 130
    # The bare hash comes first so `… | head -1` gets just the hash.
    print(password_hash)
    print()
    print("Paste into .streamlit/secrets.toml (keep that file out of version control):")
    print("[admin]")
    print(f'password_hash = "{password_hash}"')
    print()
    print("or set the environment variable instead (single quotes keep the $ signs):")
    print(f"{ENV_PASSWORD_HASH}='{password_hash}'")
    return 0
