"""End to end: the real `sitrep` in tmux at 80×24, driven with keys, read with capture-pane."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.test_tui_support import build_store

TMUX = shutil.which("tmux")
ROOT = Path(__file__).resolve().parent.parent
# This checkout's sitrep: the venv's `sitrep` script runs whichever checkout was installed.
# In tmux the environment is the tmux server's, not this test's: the keymap looked for is
# named here, one that is not there (never the user's ~/.config/sitrep/config.toml).
NO_CONFIG = Path("/nonexistent/sitrep-test-config")
SITREP = f"env PYTHONPATH={ROOT} XDG_CONFIG_HOME={NO_CONFIG} {sys.executable} -m tui.cli"

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")


def tmux(*args: str) -> str:
    assert TMUX is not None
    return subprocess.run([TMUX, *args], capture_output=True, text=True, check=False).stdout


def keys(session: str, *names: str) -> None:
    """Send keys one at a time with a human pause, so each lands after the last one's work."""
    for name in names:
        tmux("send-keys", "-t", session, name)
        time.sleep(0.25)


def wait_for(session: str, text: str, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux("capture-pane", "-p", "-t", session)
        if text in screen:
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear within {timeout}s; the screen:\n{screen}")


@pytest.mark.parametrize("term", ["xterm-256color", "screen-256color", "linux"])
def test_sitrep_in_tmux(tmp_path: Path, term: str) -> None:
    db = build_store(tmp_path / "e2e.db")
    session = f"sitrep-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "TERM": term}
    if term == "linux":
        env["NO_COLOR"] = "1"
    command = f"TERM={term} {'NO_COLOR=1 ' if term == 'linux' else ''}{SITREP} --db {db}"
    subprocess.run([TMUX, "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
                    command], env=env, check=True)
    try:
        wait_for(session, "2025-02-18")
        screen = wait_for(session, "q quit")  # the footer
        screen = wait_for(session, "1 Timeline 1–3 of 3")
        assert "Filters: none" in screen
        assert "? help" in screen and "/ find" in screen and "y copy" in screen
        # the footer names the panes' keys; the tab line every pane, the focused in brackets
        # (under NO_COLOR too), its row count beside each
        assert "1-4 panes  Tab next  Enter source" in screen
        screen = wait_for(session, "[1 timeline 3]  2 statements 133   3 metrics 1   4 source")
        lines = screen.splitlines()
        assert len(lines) <= 24 and all(len(line) <= 80 for line in lines)

        # The layout after each resize, not one behind: 120 columns shows two, back at 80 one
        # (not two crammed ones) with the footer whole.
        tmux("resize-window", "-t", session, "-x", "120", "-y", "40")
        screen = wait_for(session, "3 Metrics")
        assert "1 Timeline" in screen
        tmux("resize-window", "-t", session, "-x", "80", "-y", "24")

        def one_column(screen: str) -> bool:  # tmux crops the lines of a wider layout
            lines = screen.rstrip("\n").splitlines()
            return ("3 Met" not in screen and "1 Timeline" in screen and len(lines) <= 24
                    and lines[-1].strip().startswith("1-4 panes")
                    and lines[-1].rstrip().endswith("q quit"))

        deadline = time.monotonic() + 10
        while not one_column(screen) and time.monotonic() < deadline:
            time.sleep(0.1)
            screen = tmux("capture-pane", "-p", "-t", session)
        assert one_column(screen), screen

        # One burst, as a fast typist or a paste over SSH delivers it: the letters after "/"
        # must land in the search box, not on the panes' key bindings.
        tmux("send-keys", "-t", session, "-l", "/Pesk")
        screen = wait_for(session, "search Pesk")
        wait_for(session, "1 Timeline 0 rows")
        keys(session, "Enter", "2")
        screen = wait_for(session, "Dmitry Peskov")
        assert "We are ready to talk." in screen

        # Typed ahead in one burst: the key after Enter goes to the panes, not the box.
        keys(session, "Escape")
        wait_for(session, "Filters: none")
        tmux("send-keys", "-t", session, "/drones", "Enter", "3")
        wait_for(session, "search drones ")  # the first letter searches at once, the rest after
        screen = wait_for(session, "3 Metrics drones 1–1 of 1")
        assert "search drones " in screen and "drones3" not in screen
        keys(session, "Escape", "2")
        wait_for(session, "Filters: none")
        tmux("send-keys", "-t", session, "/Pesk", "Enter")
        wait_for(session, "2 Statements 1–1 of 1 ")  # not "of 133"

        keys(session, "Enter")  # open the article
        screen = wait_for(session, "4 Source Riyadh talks begin")
        assert "126 drones at Ukraine" in screen  # the article's text, not a table

        keys(session, "Escape")  # back from the source to the pane it was opened from
        wait_for(session, "[2 statements 1]")
        keys(session, "Escape", "1")  # and there Esc clears the search
        screen = wait_for(session, "Filters: none")
        keys(session, "G", "Enter")  # the hostile article, literally
        screen = wait_for(session, "[link=file:///etc/passwd]here[/link]")
        assert "␛[31mred" in screen

        # The claimant table (c): one column per claimant, headed in words, within 80 columns.
        keys(session, "3", "c")
        screen = wait_for(session, "3 Metrics drones by claimant: 1 day × 1 column")
        assert "Day" in screen and "unnamed" in screen
        assert "2025-02-17: unnamed claimant · Russia 126" in screen  # the row, in words
        assert all(len(line) <= 80 for line in screen.splitlines())
        keys(session, "c", "c")
        wait_for(session, "3 Metrics drones 1–1 of 1")

        keys(session, "?")
        screen = wait_for(session, "command palette")
        assert "b  < >" in screen  # every key still fits 80×24
        keys(session, "Escape", "q")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and session in tmux("ls"):
            time.sleep(0.1)
        assert session not in tmux("ls"), "sitrep did not quit on q"
    finally:
        tmux("kill-session", "-t", session)


@pytest.mark.parametrize("signame", ["TERM", "HUP"])
def test_a_signal_ends_the_dashboard_and_gives_the_terminal_back(tmp_path: Path,
                                                                  signame: str) -> None:
    """`kill` (or a closing terminal) must not leave the shell in the alternate screen with
    mouse reporting on and the cursor hidden."""
    db = build_store(tmp_path / "s.db")
    session = f"sitrep-{uuid.uuid4().hex[:8]}"
    subprocess.run([TMUX, "new-session", "-d", "-s", session, "-x", "80", "-y", "24",
                    "bash --norc --noprofile"], check=True)
    try:
        pid_file = tmp_path / "pid"
        # In the foreground (it reads the terminal); its pid kept by the shell it replaces.
        tmux("send-keys", "-t", session,
             f"sh -c 'echo $$ > {pid_file}; exec env TERM=xterm-256color {SITREP} --db {db}'; "
             "echo EXIT=$?", "Enter")
        wait_for(session, "q quit")
        assert tmux("display", "-p", "-t", session, "#{alternate_on}").strip() == "1"
        signum = getattr(signal, f"SIG{signame}")
        os.kill(int(pid_file.read_text()), signum)
        code = 128 + int(signum)
        screen = wait_for(session, f"EXIT={code}")
        assert "Traceback" not in screen
        state = tmux("display", "-p", "-t", session,
                     "#{alternate_on} #{mouse_any_flag} #{cursor_flag}").split()
        assert state == ["0", "0", "1"]  # main screen, no mouse reporting, cursor shown
    finally:
        tmux("kill-session", "-t", session)
