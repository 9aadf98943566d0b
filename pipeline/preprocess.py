"""Image preparation before OCR: grayscale, upscale small scans, autocontrast."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image

MIN_WIDTH = 1600  # below this (about A4 at 200 dpi) Tesseract loses diacritics on small type


def prepare(image: Image) -> Image:
    from PIL import ImageOps

    im = image.convert("L")
    if im.width < MIN_WIDTH:
        scale = MIN_WIDTH / im.width
        im = im.resize((int(im.width * scale), int(im.height * scale)))
    return ImageOps.autocontrast(im, cutoff=1)
