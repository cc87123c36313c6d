"""A tile-grid map of Ukraine's oblasts with a count in each: one tile an oblast, placed roughly
where it lies (north at the top), 9 columns a tile, so the whole map is 72 columns by 10 lines
and fits 80×24. The numbers carry the information, so it reads the same with NO_COLOR; colour
only shades the tiles by their share of the largest count."""

from __future__ import annotations

from rich.text import Text

from store.extract.oblasts import tiles

TILE_WIDTH = 9
# from the fewest to the most: a tile's background by its count's share of the largest
SHADES = ("on grey23", "on dark_orange3", "on orange_red1", "on red1")


def _shade(count: int, top: int) -> str:
    if count <= 0 or top <= 0:
        return "dim"
    return SHADES[min(len(SHADES) - 1, (count * len(SHADES) - 1) // top)]


def oblast_map(counts: dict[str, int], selected: str | None = None) -> Text:
    """The map as text: each tile's short label over its count ("·" for none); the selected
    oblast is marked with "*" and drawn reversed."""
    layout = tiles()
    rows = 1 + max(r for r, _, _ in layout.values())
    cols = 1 + max(c for _, c, _ in layout.values())
    at = {(r, c): (name, label) for name, (r, c, label) in layout.items()}
    top = max(counts.values(), default=0)
    out = Text(no_wrap=True)
    for r in range(rows):
        for line in (0, 1):
            for c in range(cols):
                if (r, c) not in at:
                    out.append(" " * TILE_WIDTH)
                    continue
                name, label = at[(r, c)]
                n = counts.get(name, 0)
                mark = "*" if name == selected else ""
                cell = label if line == 0 else (f"{mark}{n:,}" if n else f"{mark}·")
                style = _shade(n, top) + (" reverse" if name == selected else "")
                out.append(f"{cell:<{TILE_WIDTH - 1}.{TILE_WIDTH - 1}}", style=style)
                out.append(" ")
            out.append("\n")
    out.rstrip()
    return out
