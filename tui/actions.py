"""Every action of the dashboard, once: its id, its default keys, what it does.

The app's key bindings, the footer, the help screen (`?`) and the command palette (Ctrl+P) are
all made from ACTIONS, so a key is never listed in one place and missed in another; and a user
keymap (`[keymap]` in ~/.config/sitrep/config.toml) rebinds any action by its id, as Posting's
`Binding(..., id=...)` and Harlequin's actions.py do.

To add an action: append an `Action` to ACTIONS (an id nobody uses yet) and give the app an
`action_<name>` method for its `action` string. An action whose method the app lacks (one
another branch brings) is left out of the footer, the help and the palette, and its key does
nothing, so the table may name actions before they exist.
"""

from __future__ import annotations

import os
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.keys import Keys, _normalize_key_list, format_key

# Where a key works. "app": anywhere on the main screen (outside the search box); a pane's
# name: only while that pane has the focus; "search": only in the search box.
APP = "app"
SEARCH = "search"
PANE_NAMES = ("timeline", "statements", "metrics", "source")
TABLE_PANES = ("timeline", "statements", "metrics")


@dataclass(frozen=True)
class Action:
    id: str  # the keymap's name for it: `focus_metrics = "m"`
    keys: str  # default keys, Textual's names, comma-separated: "right,l"
    action: str  # the Textual action the app runs: "focus_pane('metrics')"
    title: str  # its name in the command palette
    help: str  # one line: what it does (help screen, palette)
    footer: str = ""  # short label in the footer ("" = never there)
    footer_rank: int = 50  # lower stays longest when the footer is short of room
    scope: str | tuple[str, ...] = APP
    bound: bool = True  # False: the pane's own widget handles the keys (documented here)
    palette: bool = True
    help_group: str = ""  # consecutive actions of one group share a help line
    key_display: str = ""  # how the default keys are shown, when not as Textual names them
    short: str = ""  # its words on a shared help line ("find"); else the footer label

    @property
    def scopes(self) -> tuple[str, ...]:
        return (self.scope,) if isinstance(self.scope, str) else self.scope

    @property
    def method(self) -> str:
        """The name of the app's method behind this action."""
        return "action_" + self.action.split("(", 1)[0]


ACTIONS: list[Action] = [
    # -- panes ---------------------------------------------------------------------------------
    Action("next_pane", "tab", "next_pane(1)", "Next pane", "the next pane", footer="next",
           footer_rank=2, help_group="cycle"),
    Action("previous_pane", "shift+tab", "next_pane(-1)", "Previous pane", "the previous pane",
           help_group="cycle"),
    Action("focus_timeline", "1", "focus_pane('timeline')", "Focus timeline",
           "go to the timeline pane", help_group="panes"),
    Action("focus_statements", "2", "focus_pane('statements')", "Focus statements",
           "go to the statements pane", help_group="panes"),
    Action("focus_metrics", "3", "focus_pane('metrics')", "Focus metrics",
           "go to the metrics pane", help_group="panes"),
    Action("focus_source", "4", "focus_pane('source')", "Focus source",
           "go to the source pane", help_group="panes"),
    # -- moving in a pane: its own widgets' keys ----------------------------------------------
    Action("cursor", "up,down,j,k", "", "", "move the cursor (tables) or scroll (source)",
           bound=False, palette=False, key_display="↑ ↓  j k"),
    Action("page", "pageup,pagedown", "", "", "a page up or down", bound=False,
           palette=False),
    Action("ends", "g,G,home,end", "", "", "first / last row (jumps to the end of the whole "
           "store)", bound=False, palette=False, key_display="g G  Home End"),
    Action("open_source", "enter", "", "", "the row's article in the source pane, evidence "
           "marked", footer="source", footer_rank=3, scope=TABLE_PANES, bound=False,
           palette=False),
    Action("show_evidence", "enter", "", "", "back to the evidence", footer="evidence",
           footer_rank=3, scope="source", bound=False, palette=False, help_group="hidden"),
    Action("back", "escape", "step_back", "Back",
           "back: close picker · Source → pane before · clear search", footer="back",
           footer_rank=4),
    # -- metrics -------------------------------------------------------------------------------
    Action("previous_metric", "left,h", "metric_kind(-1)", "Previous metric kind",
           "the metric kind before", footer="kind", footer_rank=20, scope="metrics",
           help_group="metrics", key_display="← →  h l"),
    Action("next_metric", "right,l", "metric_kind(1)", "Next metric kind",
           "the metric kind after", scope="metrics", help_group="metrics"),
    Action("split_metrics", "c", "split_metrics", "Split metrics",
           "every claimant's, then every side's figures side by side, as columns and in the "
           "chart", footer="split", footer_rank=21, scope="metrics",
           help_group="metrics"),
    Action("metric_buckets", "b", "metric_buckets", "Metric buckets",
           "chart by day, week, month, or as the window's span suggests", footer="buckets",
           footer_rank=22, scope="metrics", help_group="buckets"),
    Action("claimant_columns", "less_than_sign,greater_than_sign", "", "",
           "claimant columns to the left / right", scope="metrics", bound=False,
           palette=False, help_group="buckets"),
    # -- filters -------------------------------------------------------------------------------
    Action("search", "slash", "search", "Search", "search statements, events and articles",
           footer="find", footer_rank=5, help_group="filters"),
    Action("pick_actor", "a", "pick_actor", "Pick actor",
           "only rows about one actor, matched fuzzily", footer="actor", footer_rank=9,
           help_group="filters"),
    Action("pick_kind", "t", "pick_kind", "Pick event kind", "only timeline events of one "
           "kind", footer="kind", footer_rank=30, scope=(APP,), help_group="filters"),
    Action("pick_oblast", "o", "pick_oblast", "Pick oblast",
           "a map of events by oblast; only one oblast's events and metrics",
           help_group="filters", short="oblast (map)"),
    Action("go_to_date", "at", "go_to_date", "Go to date",
           "a date or range as people write it: last Tuesday, March 2025",
           footer="date", footer_rank=12, help_group="views", short="go to a date"),
    Action("views", "v", "views", "Views", "save the filters under a name; reopen a saved "
           "view", help_group="views", short="saved views"),
    Action("toggle_direct", "d", "toggle_direct", "Direct quotes only",
           "statements: only direct quotations (on / off)", help_group="quotes",
           short="direct only"),
    Action("pick_topic", "T", "pick_topic", "Pick topic", "only statements of one topic",
           help_group="quotes", short="topic"),
    Action("earlier_month", "left_square_bracket", "window(-1)", "Earlier month",
           "move the date window one month back", footer="month", footer_rank=13,
           help_group="dates", key_display="[ ]"),
    Action("later_month", "right_square_bracket", "window(1)", "Later month",
           "move the date window one month on", help_group="dates"),
    Action("earlier_year", "left_curly_bracket", "window(-12)", "Same month a year earlier",
           "the same month a year earlier", help_group="dates", key_display="{ }"),
    Action("later_year", "right_curly_bracket", "window(12)", "Same month a year later",
           "the same month a year later", help_group="dates"),
    Action("toggle_link_dates", "L", "toggle_link_dates", "Link statements to the timeline",
           "statements follow the timeline's date (on / off)", help_group="link"),
    Action("reset", "r", "reset", "Reset filters", "clear search, actor, kind and dates",
           footer="reset", footer_rank=14, help_group="rows"),
    # -- rows ----------------------------------------------------------------------------------
    Action("export", "e", "export", "Export view",
           "write the focused pane's rows to CSV or JSON", footer="export", footer_rank=16,
           help_group="rows"),
    Action("copy", "y", "copy", "Copy citation",
           "copy the selected row as a citation, via OSC 52", footer="copy", footer_rank=6,
           help_group="rows"),
    Action("copy_citation", "Y", "copy_citation", "Copy citation as Markdown",
           "copy the selected row's citation as Markdown, with a link", help_group="rows",
           short="copy as Markdown"),
    Action("refresh", "ctrl+r,f5", "refresh", "Refresh", "reload every pane from the store",
           key_display="ctrl+r F5"),
    # -- the app -------------------------------------------------------------------------------
    Action("help", "question_mark", "help", "Keys", "show every key", footer="help",
           footer_rank=1, help_group="app"),
    Action("quit", "q", "quit", "Quit", "leave sitrep", footer="quit", footer_rank=0,
           help_group="app"),
    Action("command_palette", "ctrl+p", "command_palette", "", "command palette: every action "
           "by name", bound=False, palette=False),
    # -- the search box: Enter keeps the search, Esc drops it; both go back to the pane -------
    Action("keep_search", "enter", "leave_search(True)", "", "keep the search and close the "
           "box", scope=SEARCH, palette=False, help_group="hidden"),
    Action("drop_search", "escape", "leave_search(False)", "", "clear the search and close "
           "the box", scope=SEARCH, palette=False, help_group="hidden"),
]

BY_ID: dict[str, Action] = {a.id: a for a in ACTIONS}
assert len(BY_ID) == len(ACTIONS), "two actions share an id"


def _scopes_by_action() -> dict[str, tuple[str, ...]]:
    scopes: dict[str, tuple[str, ...]] = {}
    for a in ACTIONS:
        if a.bound:
            name = a.action.split("(", 1)[0]
            scopes[name] = tuple(sorted(set(scopes.get(name, ()) + a.scopes)))
    return scopes


# Where each bound action works, by Textual's action name without its arguments (what the
# app's check_action is given): window(-1) and window(12) are both "window".
ACTION_SCOPES: dict[str, tuple[str, ...]] = _scopes_by_action()

# Help lines whose actions' own words would be too long side by side.
HELP_GROUPS: dict[str, str] = {
    "cycle": "next / previous pane",
    "panes": "timeline / statements / metrics / source pane",
    "metrics": "metrics: kind before / after; c: by claimant, by side",
    "buckets": "metrics: by day / week / month / span; < > columns",
    "dates": "date window: a month / a year before or after",
    "link": "statements follow the timeline's date (on / off)",
    "views": "go to a date (last Tuesday, March 2025) · saved views",
    "quotes": "statements: direct quotes only (on / off) · one topic",
}

# Groups whose keys are single keys in a row ("1 2 3 4").
TIGHT_GROUPS = {"panes"}

# Actions shown with the one before them: the second's keys after the first's.
PAIRS: dict[str, str] = {
    "previous_metric": "next_metric",
    "earlier_month": "later_month",
    "earlier_year": "later_year",
    "next_pane": "previous_pane",
}

KEY_NAMES = {
    "tab": "Tab", "shift+tab": "Shift+Tab", "escape": "Esc", "enter": "Enter",
    "pageup": "PgUp", "pagedown": "PgDn", "home": "Home", "end": "End", "up": "↑",
    "down": "↓", "left": "←", "right": "→", "f5": "F5", "space": "Space",
}


def key_label(key: str) -> str:
    """How one key is shown: "?" for question_mark, "Esc" for escape."""
    return KEY_NAMES.get(key) or format_key(key)


# -- the user's keymap --------------------------------------------------------------------------


def config_path() -> Path:
    """~/.config/sitrep/config.toml, or under $XDG_CONFIG_HOME when that is set."""
    config_home = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config_home).expanduser() / "sitrep" / "config.toml"


class KeymapError(ValueError):
    """A keymap file that cannot be used: its message is one line naming the file."""


def _keys_of(value: object) -> str | None:
    """A keymap entry as Textual's comma-separated key names, or None if it is not keys."""
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        value = ",".join(value)
    if not isinstance(value, str) or not value.strip():
        return None
    parts = [p.strip() for p in value.split(",")]
    if any(not p or " " in p for p in parts):
        return None
    if not all(len(p) == 1 or _is_key(p) for p in parts):
        return None
    return _normalize_key_list(",".join(parts))


KEY_NAMES_TEXTUAL = frozenset(k.value for k in Keys)


def _is_key(key: str) -> bool:
    """Whether Textual can ever deliver `key`: "m", "ctrl+m", "f6", "question_mark"."""
    base = key.rsplit("+", 1)[-1] if len(key) > 1 else key
    if len(base) == 1 or key in KEY_NAMES_TEXTUAL or base in KEY_NAMES_TEXTUAL:
        return True
    try:
        unicodedata.lookup(base.replace("_", " "))
    except KeyError:
        return False
    return True


def parse_keymap(data: Mapping[str, object], where: Path) -> dict[str, str]:
    """The [keymap] table of a parsed config file: action id -> keys. Raises KeymapError."""
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        raise KeymapError(f"{where}: [keymap] must be a table of action = \"key\"")
    keymap: dict[str, str] = {}
    for action_id, value in table.items():
        action = BY_ID.get(action_id)
        if action is None or not action.bound:
            known = ", ".join(a.id for a in ACTIONS if a.bound)
            raise KeymapError(f"{where}: unknown action {action_id!r} in [keymap] "
                              f"(known: {known})")
        keys = _keys_of(value)
        if keys is None:
            raise KeymapError(f"{where}: [keymap] {action_id} must be a key such as \"m\" or "
                              f"\"ctrl+m,f6\", not {value!r}")
        keymap[action_id] = keys
    _check_clashes(keymap, where)
    return keymap


def _overlap(a: Action, b: Action) -> bool:
    sa, sb = set(a.scopes), set(b.scopes)
    if SEARCH in sa or SEARCH in sb:
        return bool(sa & sb)
    return APP in sa or APP in sb or bool(sa & sb)


def _check_clashes(keymap: Mapping[str, str], where: Path) -> None:
    """A rebound key must not be one another action answers in the same place."""
    for action_id, keys in keymap.items():
        mine = BY_ID[action_id]
        for other in ACTIONS:
            if other.id == action_id or not _overlap(mine, other):
                continue
            theirs = set(keymap.get(other.id, other.keys).split(","))
            shared = sorted(set(keys.split(",")) & theirs)
            if shared:
                raise KeymapError(f"{where}: [keymap] {action_id} = {key_label(shared[0])!r} "
                                  f"is already the key of {other.id}")


def load_keymap(path: Path | None = None) -> tuple[dict[str, str], str | None]:
    """The user's keymap and, if the file could not be used, the one line saying why (the
    defaults are used then). No file: no keymap, no error."""
    where = path or config_path()
    try:
        raw = where.read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"{where}: cannot be read ({exc.strerror or exc}); using the default keys"
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return {}, f"{where}: is not UTF-8 text; using the default keys"
    except tomllib.TOMLDecodeError as exc:
        return {}, f"{where}: not valid TOML ({exc}); using the default keys"
    try:
        return parse_keymap(data, where), None
    except KeymapError as exc:
        return {}, f"{exc}; using the default keys"


# -- what the app, the footer, the help and the palette make of the table ----------------------


def bindings() -> list[BindingType]:
    """The app's bindings: one per bound action, with its id for the keymap.

    Priority for every action of the main screen: keys typed fast over SSH are handled in the
    order they came (a priority key is handled as it arrives, a plain one only after it has
    bubbled up from the focused widget, so `r` then `a` would open the picker before the
    reset); the app's check_action keeps them text in the search box and in pickers."""
    out: list[BindingType] = []
    for a in ACTIONS:
        if not a.bound:
            continue
        pane_only = all(s in PANE_NAMES for s in a.scopes)
        out.append(Binding(a.keys, a.action, a.title or a.help, show=False, id=a.id,
                           priority=not pane_only))
    return out


class KeyTable:
    """ACTIONS with the user's keymap applied: the keys each action answers to now."""

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        self.keymap = dict(keymap or {})

    def keys(self, action: Action) -> list[str]:
        return self.keymap.get(action.id, action.keys).split(",")

    def display(self, action: Action) -> str:
        """The action's keys as the help shows them; the first of a pair shows both."""
        partner = BY_ID.get(PAIRS.get(action.id, ""))
        if action.key_display and action.id not in self.keymap and \
                (partner is None or partner.id not in self.keymap):
            return action.key_display
        keys = " ".join(key_label(k) for k in self.keys(action))
        if partner is not None:
            keys += " " + " ".join(key_label(k) for k in self.keys(partner))
        return keys

    def help_lines(self, available: Iterable[Action]) -> list[tuple[str, str]]:
        """(keys, what they do) for the help screen: a group's actions on one line."""
        lines: list[tuple[str, str]] = []
        last_group = ""
        paired = set(PAIRS.values())
        for a in available:
            if a.help_group == "hidden" or a.id in paired:
                continue
            keys = self.display(a)
            words = a.short or a.footer or a.title.lower()
            if a.help_group and a.help_group == last_group:
                key, text = lines[-1]
                if a.help_group not in HELP_GROUPS:
                    text = f"{text} · {words}"
                gap = " " if a.help_group in TIGHT_GROUPS else "  "
                lines[-1] = (f"{key}{gap}{keys}", text)
                continue
            last_group = a.help_group
            if a.help_group in HELP_GROUPS:
                text = HELP_GROUPS[a.help_group]
            else:
                text = words if a.help_group else a.help
            lines.append((keys, text))
        return lines

    def footer_items(self, available: Iterable[Action], pane: str | None,
                     width: int) -> list[tuple[str, str]]:
        """(keys, label) for the footer: the focused pane's keys and the app's, the most
        needed ones when `width` cells do not hold them all, in the table's order."""
        shown = [a for a in available if a.footer and
                 (APP in a.scopes or (pane is not None and pane in a.scopes))]
        if pane is not None:  # a pane's own keys before the app's, so they are never dropped
            shown.sort(key=lambda a: (pane not in a.scopes, a.footer_rank))
        else:
            shown.sort(key=lambda a: a.footer_rank)
        chosen: list[Action] = []
        used = len("1-4 panes")
        for a in shown:
            cost = len(self.footer_key(a)) + 1 + len(a.footer) + 2
            if used + cost <= width:
                chosen.append(a)
                used += cost
        # Shown: panes, Enter, Esc; the pane's keys; the app's; help and quit last.
        order = {a.id: i for i, a in enumerate(ACTIONS)}
        last = ("help", "quit")

        def place(a: Action) -> tuple[int, int]:
            if a.id in last:
                return (4, last.index(a.id))
            if a.footer_rank <= 4:
                return (0, a.footer_rank)
            return (1 if pane is not None and pane in a.scopes else 2, order[a.id])

        items = [("1-4", "panes")]
        items += [(self.footer_key(a), a.footer) for a in sorted(chosen, key=place)]
        return items

    def search_items(self) -> list[tuple[str, str]]:
        """The footer while the search box has the focus: what its own keys do."""
        return [(self.footer_key(BY_ID["keep_search"]), "keep the search"),
                (self.footer_key(BY_ID["drop_search"]), "clear it"),
                ("type", "to find statements, events, figures")]

    def footer_key(self, action: Action) -> str:
        """The first key only; a pair (← →, [ ]) as one item."""
        key = key_label(self.keys(action)[0])
        partner = BY_ID.get(PAIRS.get(action.id, ""))
        if partner is not None and action.id != "next_pane":
            key += key_label(self.keys(partner)[0])
        return key
