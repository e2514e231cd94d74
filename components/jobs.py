"""One build at a time in the background, shared by every session of the server.

An upload starts a build; the admin's page polls its progress (a fragment that reruns every
second) while other visitors keep reading the current tables, which the build replaces only when
it has finished (the snapshot swap is atomic)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import streamlit as st


@dataclass
class BuildJob:
    done: int = 0
    total: int = 0
    label: str = ""
    running: bool = False
    report: list = field(default_factory=list)  # ReportRow of the last build
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def start(self, out: Path) -> bool:
        """Start a build of the default inputs into `out`; False when one is already running."""
        with self.lock:
            if self.running:
                return False
            self.running, self.done, self.total, self.label, self.error, self.report = True, 0, 0, "", "", []
        threading.Thread(target=self._run, args=(out,), daemon=True, name="newsprep-build").start()
        return True

    def _run(self, out: Path) -> None:
        from newsprep.build import build_snapshot
        from newsprep.errors import NewsprepError

        def progress(done: int, total: int, label: str) -> None:
            self.done, self.total, self.label = done, total, label

        try:
            result, _ = build_snapshot(out=out, progress=progress)
            self.report = result.report
        except NewsprepError as err:  # NothingBuilt keeps the previous tables; say why
            self.report = getattr(getattr(err, "result", None), "report", [])
            self.error = f"{err} {err.hint}".strip()
        except Exception as err:  # noqa: BLE001 - a background thread must report, never vanish
            self.error = f"the build failed ({type(err).__name__}: {err}); the previous tables are kept."
        finally:
            self.running = False


@st.cache_resource(show_spinner=False)
def build_job() -> BuildJob:
    return BuildJob()
