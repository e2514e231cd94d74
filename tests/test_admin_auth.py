"""Admin sign-in logic: hashing, the login throttle, reading the config, and the hash command."""

from __future__ import annotations

import io

import pytest

from newsprep import admin_auth
from newsprep.admin_auth import AdminConfig, LoginThrottle, admin_config, hash_password, main_hash, verify_password

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def stored() -> str:
    # One argon2 hash for the whole module: each one costs ~50 ms and 64 MiB at the library defaults.
    return hash_password(PASSWORD)


# ------------------------------------------------------------------------------------------ hash / verify

def test_hash_is_argon2id_and_salted(stored):
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize("make_hash, password, expected", [
    (lambda h: h, PASSWORD, True),
    (lambda h: h, PASSWORD + " ", False),
    (lambda h: h, "Correct horse battery", False),
    (lambda h: h, "", False),
    (lambda h: h[:-6] + "AAAAAA", PASSWORD, False),            # tampered digest
    (lambda h: h[:-6], PASSWORD, False),                        # truncated
    (lambda h: "garbage", PASSWORD, False),                     # not a hash at all
    (lambda h: "", PASSWORD, False),
    (lambda h: PASSWORD, PASSWORD, False),                      # plain text where a hash belongs
    (lambda h: "$argon2id$v=19$m=1,t=1,p=1$!!$!!", PASSWORD, False),
    (lambda h: None, PASSWORD, False),
], ids=["right", "trailing-space", "case", "empty", "tampered", "truncated", "garbage", "empty-hash",
        "plain-text-hash", "bad-params", "none-hash"])
def test_verify_password(stored, make_hash, password, expected):
    assert verify_password(make_hash(stored), password) is expected


@pytest.mark.parametrize("password", ["", "short", "x" * 11])
def test_short_passwords_are_refused_with_one_sentence(password):
    with pytest.raises(ValueError) as err:
        hash_password(password)
    message = str(err.value)
    assert message == "The password must be at least 12 characters long."
    assert message.count(".") == 1 and message.endswith(".")


# ---------------------------------------------------------------------------------------------- throttle

def fail(throttle: LoginThrottle, key: str, times: int, start: float = 0.0, step: float = 1.0) -> float:
    """`times` failures of `key`, `step` seconds apart from `start`; returns the time of the last one."""
    now = start
    for i in range(times):
        now = start + i * step
        throttle.failed(key, now=now)
    return now


@pytest.mark.parametrize("failures, wait", [
    (0, 0.0), (1, 0.0), (4, 0.0),
    (5, 30.0),
])
def test_five_failures_within_fifteen_minutes_lock_the_key(failures, wait):
    throttle = LoginThrottle()
    last = fail(throttle, "alice", failures)
    assert throttle.check("alice", now=last) == wait


def test_failures_spread_beyond_the_window_do_not_lock():
    throttle = LoginThrottle()
    last = fail(throttle, "alice", 10, step=230.0)  # never 5 within 900 s
    assert throttle.check("alice", now=last) == 0.0


def test_lock_doubles_with_every_further_failure_up_to_fifteen_minutes():
    throttle = LoginThrottle()
    now = fail(throttle, "alice", 5)
    waits = [throttle.check("alice", now=now)]
    for _ in range(8):
        now += waits[-1]  # try again exactly when allowed, and fail again
        assert throttle.check("alice", now=now) == 0.0
        throttle.failed("alice", now=now)
        waits.append(throttle.check("alice", now=now))
    assert waits == [30.0, 60.0, 120.0, 240.0, 480.0, 900.0, 900.0, 900.0, 900.0]


@pytest.mark.parametrize("elapsed, wait", [(0.0, 30.0), (10.0, 20.0), (30.0, 0.0), (100.0, 0.0)])
def test_lock_runs_out_with_time(elapsed, wait):
    throttle = LoginThrottle()
    last = fail(throttle, "alice", 5)
    assert throttle.check("alice", now=last + elapsed) == wait


@pytest.mark.parametrize("quiet_after_lock, wait", [(15 * 60, 0.0), (15 * 60 - 1, 120.0)])
def test_a_quiet_window_after_the_lock_forgives_the_streak(quiet_after_lock, wait):
    throttle = LoginThrottle()
    last = fail(throttle, "alice", 6, step=31.0)  # 5 → 30 s lock, 6th → 60 s
    assert throttle.check("alice", now=last) == 60.0
    later = last + 60 + quiet_after_lock
    throttle.failed("alice", now=later)
    assert throttle.check("alice", now=later) == wait


def test_success_resets_the_key():
    throttle = LoginThrottle()
    last = fail(throttle, "alice", 5)
    throttle.succeeded("alice")
    assert throttle.check("alice", now=last) == 0.0
    fail(throttle, "alice", 4, start=last)  # counting starts again from zero
    assert throttle.check("alice", now=last + 4) == 0.0


@pytest.mark.parametrize("failed_as, checked_as", [("Alice", "alice"), (" ALICE ", "alice"), ("alice", "Alice")])
def test_keys_are_case_insensitive(failed_as, checked_as):
    throttle = LoginThrottle()
    last = fail(throttle, failed_as, 5)
    assert throttle.check(checked_as, now=last) == 30.0


def test_keys_are_independent_below_the_global_limit():
    throttle = LoginThrottle()
    last = fail(throttle, "alice", 5)
    assert throttle.check("bob", now=last) == 0.0


@pytest.mark.parametrize("names, locked", [(49, False), (50, True)])
def test_global_key_slows_guessing_across_many_names(names, locked):
    throttle = LoginThrottle()
    for i in range(names):
        throttle.failed(f"user{i}", now=float(i))  # one failure each: no single name is locked
    now = float(names)
    assert (throttle.check("somebody-new", now=now) > 0) is locked
    assert (throttle.check("admin", now=now) > 0) is locked


def test_success_does_not_clear_the_global_count():
    throttle = LoginThrottle()
    for i in range(50):
        throttle.failed(f"user{i}", now=0.0)
    throttle.succeeded("admin")
    assert throttle.check("admin", now=1.0) == 29.0


def test_a_user_named_star_is_not_the_global_key():
    throttle = LoginThrottle()
    last = fail(throttle, "*", 5)
    assert throttle.check("*", now=last) == 30.0
    assert throttle.check("alice", now=last) == 0.0
    throttle.succeeded("*")  # must not clear the global record either
    assert throttle.check("*", now=last) == 0.0


def test_default_clock_is_monotonic(monkeypatch):
    clock = iter([100.0, 101.0, 102.0, 103.0, 104.0, 105.0])
    monkeypatch.setattr(admin_auth.time, "monotonic", lambda: next(clock))
    throttle = LoginThrottle()
    for _ in range(5):
        throttle.failed("alice")
    assert throttle.check("alice") == 29.0  # locked at 104 for 30 s, asked at 105


def test_throttle_is_thread_safe():
    import threading

    throttle = LoginThrottle(limit=10**9, global_limit=10**9)
    threads = [threading.Thread(target=fail, args=(throttle, f"u{i % 7}", 200)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(throttle._records[("global", "*")].times) == 8 * 200


# ------------------------------------------------------------------------------------------------ config

HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"
OTHER_HASH = HASH.replace("c2FsdHNhbHRzYWx0", "b3RoZXJvdGhlcm90aGVy")
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s", "client_id": "id",
        "client_secret": "secret", "server_metadata_url": "https://example.org/.well-known/openid-configuration"}


@pytest.mark.parametrize("secrets, environ, expected", [
    # OIDC
    ({"auth": AUTH, "admin": {"emails": ["Ada@Example.org ", "bob@example.org"]}}, {},
     AdminConfig("oidc", admin_emails=frozenset({"ada@example.org", "bob@example.org"}))),
    ({"auth": {"google": {**AUTH}}, "admin": {"emails": ["ada@example.org"]}}, {},
     AdminConfig("oidc", admin_emails=frozenset({"ada@example.org"}), provider="google")),
    ({"auth": AUTH, "admin": {"emails": "Ada@example.org"}}, {},  # a string, not a list: one address
     AdminConfig("oidc", admin_emails=frozenset({"ada@example.org"}))),
    # OIDC without admin e-mails: nobody is admin
    ({"auth": AUTH}, {}, AdminConfig("oidc")),
    ({"auth": AUTH, "admin": {"emails": []}}, {}, AdminConfig("oidc")),
    # OIDC wins over a local account
    ({"auth": AUTH, "admin": {"user": "root", "password_hash": HASH}}, {"NEWSPREP_ADMIN_PASSWORD_HASH": HASH},
     AdminConfig("oidc")),
    # an [auth] section without client_id is not OIDC
    ({"auth": {"cookie_secret": "s"}, "admin": {"password_hash": HASH}}, {},
     AdminConfig("password", user="admin", password_hash=HASH)),
    # local account from secrets
    ({"admin": {"user": "Root", "password_hash": HASH}}, {},
     AdminConfig("password", user="Root", password_hash=HASH)),
    # from the environment, default user name
    ({}, {"NEWSPREP_ADMIN_PASSWORD_HASH": HASH}, AdminConfig("password", user="admin", password_hash=HASH)),
    ({}, {"NEWSPREP_ADMIN_USER": "ops", "NEWSPREP_ADMIN_PASSWORD_HASH": HASH},
     AdminConfig("password", user="ops", password_hash=HASH)),
    # secrets take precedence over the environment, key by key
    ({"admin": {"user": "root", "password_hash": HASH}},
     {"NEWSPREP_ADMIN_USER": "ops", "NEWSPREP_ADMIN_PASSWORD_HASH": OTHER_HASH},
     AdminConfig("password", user="root", password_hash=HASH)),
    ({"admin": {"password_hash": HASH}}, {"NEWSPREP_ADMIN_USER": "ops"},
     AdminConfig("password", user="ops", password_hash=HASH)),
    ({"admin": {"user": "root"}}, {"NEWSPREP_ADMIN_PASSWORD_HASH": HASH},
     AdminConfig("password", user="root", password_hash=HASH)),
    ({"admin": {"user": " ", "password_hash": ""}}, {"NEWSPREP_ADMIN_PASSWORD_HASH": HASH},
     AdminConfig("password", user="admin", password_hash=HASH)),
], ids=["oidc", "oidc-named-provider", "oidc-email-string", "oidc-no-emails", "oidc-empty-emails",
        "oidc-wins", "auth-without-client-id", "secrets", "env-default-user", "env-user",
        "secrets-over-env", "env-user-secrets-hash", "secrets-user-env-hash", "blank-values-ignored"])
def test_admin_config_modes_and_precedence(secrets, environ, expected):
    assert admin_config(secrets, environ) == expected


@pytest.mark.parametrize("secrets, environ", [
    ({}, {}),
    ({"other": {"x": 1}}, {"HOME": "/root"}),
    ({"admin": {"user": "root"}}, {"NEWSPREP_ADMIN_USER": "ops"}),       # a user without a hash
    ({"admin": {"password": PASSWORD}}, {}),                              # plain text in secrets
    ({}, {"NEWSPREP_ADMIN_PASSWORD": PASSWORD}),                          # plain text in the environment
    ({"admin": {"user": "root", "password": PASSWORD}}, {"NEWSPREP_ADMIN_PASSWORD": PASSWORD}),
    ({"admin": {"password_hash": PASSWORD}}, {}),                         # plain text where a hash belongs
    ({}, {"NEWSPREP_ADMIN_PASSWORD_HASH": PASSWORD}),
    ({"admin": "not a table"}, {}),
], ids=["empty", "unrelated", "user-only", "plain-secrets", "plain-env", "plain-both", "plain-as-hash-secrets",
        "plain-as-hash-env", "admin-not-a-table"])
def test_without_a_hash_there_is_no_way_in(secrets, environ):
    cfg = admin_config(secrets, environ)
    assert cfg.mode == "none"
    assert cfg.password_hash == ""
    assert cfg.reason.endswith(".")
    assert PASSWORD not in repr(cfg)


def test_plain_text_password_beside_a_hash_is_ignored():
    cfg = admin_config({"admin": {"password": PASSWORD, "password_hash": HASH}}, {"NEWSPREP_ADMIN_PASSWORD": PASSWORD})
    assert cfg == AdminConfig("password", user="admin", password_hash=HASH)


def test_the_hash_stays_out_of_repr():
    assert HASH not in repr(AdminConfig("password", user="admin", password_hash=HASH))


def test_secrets_attrdict_like_mappings_are_read():
    """st.secrets.to_dict() gives dicts, but a Mapping that is not a dict (AttrDict) works too."""
    from types import MappingProxyType

    secrets = MappingProxyType({"admin": MappingProxyType({"user": "root", "password_hash": HASH})})
    assert admin_config(secrets, {}) == AdminConfig("password", user="root", password_hash=HASH)


# ------------------------------------------------------------------------------------------------ command

class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


def run_main_hash(monkeypatch, capsys, stdin: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", Pipe(stdin))
    code = main_hash([])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("stdin", [PASSWORD + "\n", PASSWORD + "\r\n", PASSWORD, PASSWORD + "\nignored second line\n"])
def test_main_hash_from_stdin_prints_a_hash_that_verifies(monkeypatch, capsys, stdin):
    code, out, err = run_main_hash(monkeypatch, capsys, stdin)
    assert code == 0 and err == ""
    lines = out.splitlines()
    printed = lines[0]
    assert verify_password(printed, PASSWORD)
    assert "[admin]" in lines
    assert f'password_hash = "{printed}"' in lines
    assert f"NEWSPREP_ADMIN_PASSWORD_HASH='{printed}'" in lines
    assert PASSWORD not in out
    # What it prints is exactly what admin_config accepts.
    assert admin_config({"admin": {"password_hash": printed}}, {}).mode == "password"


@pytest.mark.parametrize("stdin", ["", "\n", "short\n", "x" * 11 + "\n"])
def test_main_hash_refuses_short_passwords(monkeypatch, capsys, stdin):
    code, out, err = run_main_hash(monkeypatch, capsys, stdin)
    assert code == 2 and out == ""
    assert err == "error: The password must be at least 12 characters long.\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("typed, code", [([PASSWORD, PASSWORD], 0), ([PASSWORD, PASSWORD + "!"], 2)])
def test_main_hash_at_a_terminal_asks_twice(monkeypatch, capsys, typed, code):
    answers = iter(typed)
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(admin_auth.getpass, "getpass", lambda prompt="": next(answers))
    assert main_hash([]) == code
    out, err = capsys.readouterr()
    if code == 0:
        assert verify_password(out.splitlines()[0], PASSWORD)
    else:
        assert out == "" and err == "error: The two passwords differ; nothing was written.\n"
