"""Image preparation before OCR: grayscale, upscale small scans, despeckle, deskew, autocontrast.

Each step earns its place on tests/regression (`congvan eval`, figures in the baseline):
despeckling for salt-and-pepper scans, deskewing for pages fed in at an angle, which
otherwise break Tesseract's line finding and the two-column layout of the header.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

MIN_WIDTH = 1600  # below this (about A4 at 200 dpi) Tesseract loses diacritics on small type
MAX_SKEW = 4.0  # degrees searched either way
SPECKLE = 0.004  # share of isolated dark pixels above which a page is despeckled


def prepare(image: Image) -> Image:
    from PIL import ImageOps

    im = image.convert("L")
    if im.width < MIN_WIDTH:
        scale = MIN_WIDTH / im.width
        im = im.resize((int(im.width * scale), int(im.height * scale)))
    im = despeckle(im)
    im = deskew(im)
    return ImageOps.autocontrast(im, cutoff=1)


def despeckle(im: Image) -> Image:
    """A 3x3 median when many dark pixels stand alone; clean pages are left untouched."""
    import numpy as np
    from PIL import ImageFilter

    h, w = im.height, im.width
    a = np.asarray(im.crop((w // 4, h // 4, 3 * w // 4, 3 * h // 4))) < 128  # noise is page-wide: a sample will do
    core = a[1:-1, 1:-1]
    neighbours = sum(np.roll(np.roll(a, dy, 0), dx, 1)[1:-1, 1:-1]
                     for dy in (-1, 0, 1) for dx in (-1, 0, 1) if dy or dx)
    isolated = np.count_nonzero(core & (neighbours == 0)) / core.size
    return im.filter(ImageFilter.MedianFilter(3)) if isolated > SPECKLE else im


def skew_angle(im: Image) -> float:
    """The angle whose horizontal projection of ink is sharpest (text lines level)."""
    import numpy as np
    from PIL import Image as PILImage

    small = im.resize((im.width // 4, im.height // 4))
    ink = PILImage.fromarray(((np.asarray(small) < 160) * 255).astype("uint8"))

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=PILImage.Resampling.NEAREST)).sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(rows) ** 2))

    coarse = max((a / 2 for a in range(int(-MAX_SKEW * 2), int(MAX_SKEW * 2) + 1)), key=sharpness)
    return max((coarse + d / 10 for d in range(-5, 6)), key=sharpness)


def deskew(im: Image) -> Image:
    from PIL import Image as PILImage

    angle = skew_angle(im)
    if abs(angle) < 0.2:
        return im
    return im.rotate(angle, resample=PILImage.Resampling.BICUBIC, expand=False, fillcolor=255)
