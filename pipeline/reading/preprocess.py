"""Image preparation before OCR: seal dropout, grayscale, upscale small scans, despeckle, deskew, autocontrast.

Each step earns its place on tests/regression (`congvan eval`, figures in the baseline):
despeckling for salt-and-pepper scans, deskewing for pages fed in at an angle, which
otherwise break Tesseract's line finding and the two-column layout of the header; seal
dropout for colour scans, where the red seal over the signature block makes Tesseract drop
the signer's title and name (only seal-shaped red regions are cleared: the red
`ĐẢNG CỘNG SẢN VIỆT NAM` of a Party header is a line of text and stays).
"""
from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

MIN_WIDTH = 1600  # below this (about A4 at 200 dpi) Tesseract loses diacritics on small type
MAX_UPSCALE = 4  # a smaller image is not a page at any resolution Tesseract reads well
MAX_SKEW = 4.0  # degrees searched either way
MIN_SKEW = 0.2  # degrees; from 0.5 two numbers and a date were lost on the development scans
SPECKLE = 0.004  # share of isolated dark pixels above which a page is despeckled
SEAL_SCALE = 4  # red regions are found on a copy this many times smaller
CELL = 2  # pixels of that copy per cell of the grid on which red regions are grouped
CONTRAST_CUT = 0.01  # share of pixels clipped at each end by the stretch
SEAL_MIN_CM = 1.5  # a seal is 3.5-4.5 cm across; a part of one cut by the page edge is still over this


def prepare(image: Image, max_pixels: int = 120_000_000, max_side: int = 32767) -> Image:
    """The page as Tesseract should see it; upscaling never takes it past `max_pixels` or a side
    past `max_side` (a 200x60000 strip would otherwise grow to 768 megapixels)."""
    if image.mode in ("RGB", "RGBA", "P", "CMYK"):
        im = drop_seals(image)
    else:
        im = image if image.mode == "L" else image.convert("L")  # convert to its own mode would copy
    scale = min(MIN_WIDTH / im.width, MAX_UPSCALE, math.sqrt(max_pixels / (im.width * im.height)),
                max_side / max(im.width, im.height))
    if scale > 1:
        im = im.resize((int(im.width * scale), int(im.height * scale)))
    im = despeckle(im)
    im = deskew(im)
    return stretch(im)


def stretch(im: Image) -> Image:
    """PIL's autocontrast (1% cut at each end, for faint scans) with the levels taken from every
    fourth pixel of every fourth row: the full histogram costs four times the stretch, and an
    averaged copy would turn thin strokes grey. Even a page spanning 5..250 is stretched: on the
    development scans skipping those lost a signer and two dates."""
    from PIL import Image as PILImage

    small = im.resize((im.width // 4, im.height // 4), PILImage.Resampling.NEAREST).histogram()
    cut = sum(small) * CONTRAST_CUT
    lo = next(i for i, c in enumerate(itertools.accumulate(small)) if c > cut)
    hi = 255 - next(i for i, c in enumerate(itertools.accumulate(reversed(small))) if c > cut)
    if hi <= lo:
        return im
    scale = 255 / (hi - lo)
    return im.point([min(255, max(0, int((v - lo) * scale))) for v in range(256)])


def despeckle(im: Image) -> Image:
    """A 3x3 median when many dark pixels stand alone; clean pages are left untouched."""
    import numpy as np
    from PIL import ImageFilter

    h, w = im.height, im.width
    band = im.crop((w // 4, 3 * h // 8, 3 * w // 4, 5 * h // 8))  # noise is page-wide: a band will do
    dark = (np.asarray(band) < 128).view(np.uint8)
    rows, cols = dark.shape[0] - 2, dark.shape[1] - 2
    neighbours = np.zeros((rows, cols), np.uint8)
    for dy in range(3):
        for dx in range(3):
            if dy != 1 or dx != 1:
                neighbours += dark[dy:dy + rows, dx:dx + cols]
    isolated = np.count_nonzero(dark[1:-1, 1:-1] & (neighbours == 0)) / neighbours.size
    return im.filter(ImageFilter.MedianFilter(3)) if isolated > SPECKLE else im


def skew_angle(im: Image) -> float:
    """The angle whose horizontal projection of ink is sharpest (text lines level). The ink
    pixels of a quarter-size copy are projected at each angle (a bincount, not a rotation)."""
    import numpy as np

    small = np.asarray(im.reduce(4))
    ys, xs = np.nonzero(small < 160)
    h = small.shape[0]
    xs_c, ys_c = xs - small.shape[1] / 2, ys - h / 2

    def sharpness(angle: float) -> float:
        t = math.radians(angle)  # as Image.rotate(angle): counter-clockwise
        rows = np.rint(ys_c * math.cos(t) - xs_c * math.sin(t) + h / 2).astype(np.int64)
        profile = np.bincount(rows[(rows >= 0) & (rows < h)], minlength=h).astype(np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    coarse = max((a / 2 for a in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)), key=sharpness)
    return max((coarse + d / 10 for d in range(-5, 6)), key=sharpness)


def deskew(im: Image) -> Image:
    """Bilinear rotation (0.08 s a page). Cheaper ones were measured and lost fields: nearest
    neighbour cost a signer line on tests/regression; Leptonica-style rotation by two integer
    shears (0.01-0.03 s) split lines at 2 degrees there and lost two numbers and a date on the
    development scans at under 1 degree."""
    from PIL import Image as PILImage

    angle = skew_angle(im)
    if abs(angle) < MIN_SKEW:
        return im
    return im.rotate(angle, resample=PILImage.Resampling.BILINEAR, expand=False, fillcolor=255)


def drop_seals(image: Image, dpi: int = 300) -> Image:
    """Grayscale with the red pixels of seal-shaped red regions turned white. Regions are found on a
    quarter-size copy, so a page without a seal costs little more than the grayscale conversion."""
    import numpy as np
    from PIL import Image as PILImage

    rgb = image if image.mode == "RGB" else image.convert("RGB")
    gray = rgb.convert("L")
    small = _red(np.asarray(rgb.reduce(SEAL_SCALE)))
    if small.mean() < 0.0005:
        return gray
    out = np.asarray(gray).copy()
    for x0, y0, x1, y1 in _seal_boxes(small, dpi // SEAL_SCALE):
        x0, y0, x1, y1 = (v * SEAL_SCALE for v in (x0, y0, x1, y1))
        box = out[y0:y1, x0:x1]
        box[_red(np.asarray(rgb.crop((x0, y0, x1, y1))))[: box.shape[0], : box.shape[1]]] = 255
    return PILImage.fromarray(out)


def _red(rgb):  # type: ignore[no-untyped-def]  # noqa: ANN001, ANN202
    import numpy as np

    a = rgb.astype(np.int16)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    return (r > 120) & (r - np.maximum(g, b) > 50)


def _seal_boxes(red, dpi: int) -> list[tuple[int, int, int, int]]:  # type: ignore[no-untyped-def]
    """Bounding boxes of roughly square red regions at least SEAL_MIN_CM across, found on a coarse grid."""
    from collections import deque

    h, w = red.shape
    gh, gw = h // CELL, w // CELL
    cells = red[:gh * CELL, :gw * CELL].reshape(gh, CELL, gw, CELL).mean(axis=(1, 3)) > 0.02
    seen = cells & False
    min_side = SEAL_MIN_CM / 2.54 * dpi / CELL
    boxes = []
    for y, x in zip(*cells.nonzero(), strict=True):
        if seen[y, x]:
            continue
        queue, ys, xs = deque([(y, x)]), [y], [x]
        seen[y, x] = True
        while queue:
            cy, cx = queue.popleft()
            for ny in range(max(0, cy - 2), min(gh, cy + 3)):
                for nx in range(max(0, cx - 2), min(gw, cx + 3)):
                    if cells[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        queue.append((ny, nx))
                        ys.append(ny)
                        xs.append(nx)
        bh, bw = max(ys) - min(ys) + 1, max(xs) - min(xs) + 1
        if bh >= min_side and bw >= min_side and 0.5 <= bh / bw <= 2:
            boxes.append((min(xs) * CELL, min(ys) * CELL, (max(xs) + 1) * CELL, (max(ys) + 1) * CELL))
    return boxes
