"""Making sure the dashboard process ends when told to, or when its terminal goes away.

Textual's clean exit can stall forever. When the terminal hangs up while the dashboard draws
(a tmux pane killed while keys still arrive: 4-5 times in 5), the exit blocks in
`App._shutdown` -> `LinuxDriver.disable_input` -> `WriterThread.write`, a `Queue.put` on a
full queue that nothing drains any more (writes to a hung-up terminal fail with EIO, and the
SIGCONT the kernel sends with the SIGHUP has the driver resume, with a writer of its own). A
terminal that merely stops reading (a frozen pane, a stalled SSH link) stalls it the same
way. A handler added with `loop.add_signal_handler` only runs when the event loop runs, which
it never does again: such dashboards outlived SIGTERM for hours. So, in the real CLI run
(never under `App.run_test`):

* SIGTERM and SIGHUP get `signal.signal` handlers. Python runs those in the main thread even
  while it is blocked acquiring a lock (POSIX): each arms the watchdog and asks Textual to
  exit, from outside the loop (`call_soon_threadsafe`), which restores the terminal when the
  loop still runs;
* the app arms the watchdog whenever it starts to shut down, for whatever reason;
* the watchdog's thread also looks at the terminal: gone (tcgetattr fails), it does the same
  as SIGHUP, for a dashboard the hangup signal did not reach;
* once armed, the watchdog gives the clean exit GRACE seconds, then puts the terminal's modes
  back as far as it can without waiting on it, and ends the process with `os._exit`.

The handler only sets attributes and calls `call_soon_threadsafe` (no lock a signal could
interrupt its own holder of): the watchdog's thread is started beforehand and polls.
"""

from __future__ import annotations

import os
import signal
import termios
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

GRACE = 1.5  # seconds a clean exit gets once asked for, before the process is ended
POLL = 0.1  # seconds between the watchdog's looks (armed? terminal still there?)
RESTORE_WAIT = 0.2  # seconds the last-resort terminal restore may take before _exit anyway
SIGNALS = (signal.SIGTERM, signal.SIGHUP)
EXIT_HANGUP = 128 + signal.SIGHUP  # the exit status of a dashboard whose terminal went away
# What Textual's driver undoes on a clean exit: Kitty keyboard protocol, mouse reporting,
# bracketed paste, focus events and the alternate screen off; line wrap and the cursor back.
RESTORE_SEQUENCE = (
    b"\x1b[<u\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l\x1b[?2004l\x1b[?1004l"
    b"\x1b[?7h\x1b[?1049l\x1b[?25h"
)


def _terminal_modes(fd: int) -> list[Any] | None:
    try:
        return termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError):
        return None


class ExitWatchdog:
    """Ends the process GRACE seconds after `arm`, whatever the event loop is doing."""

    def __init__(
        self,
        request_exit: Callable[[int], None],
        *,
        grace: float = GRACE,
        terminal_in: int = 0,
        terminal_out: int = 2,
    ) -> None:
        # request_exit(code) asks the app to exit cleanly; it is called from the signal
        # handler and from the watchdog's thread, so it must be thread-safe.
        self.request_exit = request_exit
        self.grace = grace
        self.terminal_in = terminal_in
        self.terminal_out = terminal_out  # where Textual draws (sys.__stderr__)
        self.code = 0
        self.armed_at: float | None = None
        # Set once the app has put the terminal back itself: the watchdog must not write to
        # it again (that would move the shell's cursor) if the process is slow to end.
        self.terminal_restored = False
        self._modes = _terminal_modes(terminal_in)  # cooked, as the shell left them
        self._thread: threading.Thread | None = None

    def install(self) -> None:
        """Start the watchdog's thread and take over SIGTERM and SIGHUP (main thread only)."""
        self._thread = threading.Thread(target=self._watch, name="sitrep-exit-watchdog",
                                        daemon=True)
        self._thread.start()
        for signum in SIGNALS:
            signal.signal(signum, self._on_signal)

    def arm(self, code: int) -> None:
        """End the process with `code` in GRACE seconds, unless it has ended by then. Only
        the first call counts: a later one neither moves the deadline nor the code."""
        if self.armed_at is None:
            self.code = code
            self.armed_at = time.monotonic()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        code = 128 + signum
        self.arm(code)
        self._ask(code)

    def _ask(self, code: int) -> None:
        try:
            self.request_exit(code)
        except Exception:  # the loop is not running yet, or closed: the watchdog ends it
            pass

    def _watch(self) -> None:
        watch_terminal = self._modes is not None
        while True:
            time.sleep(POLL)
            armed_at = self.armed_at
            if armed_at is None:
                if watch_terminal and _terminal_modes(self.terminal_in) is None:
                    # The terminal is gone but no SIGHUP came (it was ignored, or went to
                    # another process group): exit as if it had.
                    self.arm(EXIT_HANGUP)
                    self._ask(EXIT_HANGUP)
                continue
            if time.monotonic() - armed_at >= self.grace:
                self._end()

    def _end(self) -> None:
        # The clean exit stalled. Put the terminal back if it is still there (in a thread of
        # its own: a terminal that stopped reading would block the write), then end.
        if not self.terminal_restored:
            restore = threading.Thread(target=self._restore_terminal, daemon=True)
            restore.start()
            restore.join(RESTORE_WAIT)
        os._exit(self.code)

    def _restore_terminal(self) -> None:
        try:
            if self._modes is not None:
                termios.tcsetattr(self.terminal_in, termios.TCSANOW, self._modes)
            os.write(self.terminal_out, RESTORE_SEQUENCE)
        except (termios.error, OSError):
            pass  # a terminal that is gone has nothing to restore
