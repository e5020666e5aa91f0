#!/usr/bin/env python3
"""Draw Fieldbook's app icon source (icons/source.png, 1024x1024 RGBA).

Standard library only: shapes are signed-distance functions, so edges are
anti-aliased analytically; the PNG is written with zlib + struct.

The mark: a rounded square in the accent colour (#3F4FD0) holding a white,
open notebook (two pages, ruled with accent lines).

Usage: python3 scripts/make-icon.py [OUT.png]
Then:  tauri icon icons/source.png -o icons   (see scripts/make-icons.sh)
"""
import math
import os
import struct
import sys
import zlib

SIZE = 1024
ACCENT = (0x3F, 0x4F, 0xD0)
WHITE = (0xFF, 0xFF, 0xFF)

# Background: rounded square, full bleed with a small margin.
BG_MIN, BG_MAX, BG_RADIUS = 40.0, 984.0, 210.0

# Notebook pages (convex quads, clockwise in image space), rounded by PAGE_ROUND.
PAGE_ROUND = 18.0
SPINE_GAP = 22.0  # half gap between the pages at the spine
LEFT_PAGE = [(236.0, 318.0), (512.0 - SPINE_GAP, 372.0), (512.0 - SPINE_GAP, 742.0), (236.0, 688.0)]
RIGHT_PAGE = [(512.0 + SPINE_GAP, 372.0), (788.0, 318.0), (788.0, 688.0), (512.0 + SPINE_GAP, 742.0)]
LINE_HALF_WIDTH = 9.0


def clamp01(v):
    return 0.0 if v < 0.0 else (1.0 if v > 1.0 else v)


def sd_round_box(x, y, x0, y0, x1, y1, r):
    cx, cy = (x0 + x1) / 2.0, (y0 + y1) / 2.0
    hx, hy = (x1 - x0) / 2.0 - r, (y1 - y0) / 2.0 - r
    qx, qy = abs(x - cx) - hx, abs(y - cy) - hy
    ox, oy = max(qx, 0.0), max(qy, 0.0)
    return math.hypot(ox, oy) + min(max(qx, qy), 0.0) - r


def sd_polygon(x, y, pts):
    """Exact signed distance to a simple polygon (after Inigo Quilez)."""
    d = (x - pts[0][0]) ** 2 + (y - pts[0][1]) ** 2
    s = 1.0
    n = len(pts)
    j = n - 1
    for i in range(n):
        vix, viy = pts[i]
        vjx, vjy = pts[j]
        ex, ey = vjx - vix, vjy - viy
        wx, wy = x - vix, y - viy
        t = clamp01((wx * ex + wy * ey) / (ex * ex + ey * ey))
        bx, by = wx - ex * t, wy - ey * t
        d = min(d, bx * bx + by * by)
        c1 = y >= viy
        c2 = y < vjy
        c3 = ex * wy > ey * wx
        if (c1 and c2 and c3) or (not c1 and not c2 and not c3):
            s = -s
        j = i
    return s * math.sqrt(d)


def sd_segment(x, y, ax, ay, bx, by):
    px, py = x - ax, y - ay
    dx, dy = bx - ax, by - ay
    h = clamp01((px * dx + py * dy) / (dx * dx + dy * dy))
    return math.hypot(px - dx * h, py - dy * h)


def shrink(pts, amount):
    """Move the vertices of a convex quad towards its centroid (for the rounding offset)."""
    cx = sum(p[0] for p in pts) / len(pts)
    cy = sum(p[1] for p in pts) / len(pts)
    out = []
    for px, py in pts:
        vx, vy = cx - px, cy - py
        length = math.hypot(vx, vy)
        out.append((px + vx / length * amount * 1.3, py + vy / length * amount * 1.3))
    return out


def ruled_lines(page, left_side):
    """Four lines parallel to the page's slanted top edge, inset from the sides."""
    (ax, ay), (bx, by) = page[0], page[1]
    inset = 46.0
    lines = []
    for k in range(4):
        dy = 96.0 + k * 78.0
        x0, x1 = ax + inset, bx - inset
        # y on the top edge at x, then offset down
        def top(xx):
            return ay + (by - ay) * (xx - ax) / (bx - ax)
        if k == 3:  # last line shorter, like an unfinished note
            if left_side:
                x1 = x0 + (x1 - x0) * 0.55
            else:
                x1 = x0 + (x1 - x0) * 0.55
        lines.append((x0, top(x0) + dy, x1, top(x1) + dy))
    return lines


def render():
    left_core = shrink(LEFT_PAGE, PAGE_ROUND)
    right_core = shrink(RIGHT_PAGE, PAGE_ROUND)
    lines = ruled_lines(LEFT_PAGE, True) + ruled_lines(RIGHT_PAGE, False)
    mark_x0, mark_x1 = 200, 824
    mark_y0, mark_y1 = 280, 780

    rows = []
    for py in range(SIZE):
        y = py + 0.5
        row = bytearray()
        for px in range(SIZE):
            x = px + 0.5
            bg = clamp01(0.5 - sd_round_box(x, y, BG_MIN, BG_MIN, BG_MAX, BG_MAX, BG_RADIUS))
            if bg <= 0.0:
                row += b"\x00\x00\x00\x00"
                continue
            white = 0.0
            if mark_x0 <= px <= mark_x1 and mark_y0 <= py <= mark_y1:
                core = left_core if x < 512 else right_core
                page = clamp01(0.5 - (sd_polygon(x, y, core) - PAGE_ROUND))
                if page > 0.0:
                    ink = 0.0
                    for (ax, ay, bx, by) in lines:
                        if (x < 512) == (ax < 512):
                            ink = max(ink, clamp01(0.5 - (sd_segment(x, y, ax, ay, bx, by) - LINE_HALF_WIDTH)))
                    white = page * (1.0 - ink)
            r = ACCENT[0] + (WHITE[0] - ACCENT[0]) * white
            g = ACCENT[1] + (WHITE[1] - ACCENT[1]) * white
            b = ACCENT[2] + (WHITE[2] - ACCENT[2]) * white
            row += bytes((int(r + 0.5), int(g + 0.5), int(b + 0.5), int(bg * 255 + 0.5)))
        rows.append(bytes(row))
    return rows


def write_png(path, rows, width, height):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + r for r in rows)  # filter type 0 per scanline
    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))  # 8-bit RGBA
    png += chunk(b"IDAT", zlib.compress(raw, 9))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "icons", "source.png")
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    write_png(out, render(), SIZE, SIZE)
    print(f"wrote {os.path.normpath(out)} ({SIZE}x{SIZE} RGBA)")


if __name__ == "__main__":
    main()
