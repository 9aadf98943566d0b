"""The dispatch tree is built from word boxes when the pages have them and from text otherwise: both
builders must find the same zones (the header's two blocks, the heading, the body, the foot's two
blocks), line for line, on every sample that has both, so a document reads the same whether it came
as a scan, a PDF text layer or plain text. Recorded OCR (tests/ocr_cache) replays the scans."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from extractors.structure import from_text, from_words
from extractors.structure.tree import Dispatch
from extractors.structure.words import page_layout, words_to_text
from extractors.text import fold
from pipeline.extract import doc_text, extract_record, structure
from pipeline.reading import read_cache
from pipeline.reading.files import read_file
from pipeline.types import Page, ReadResult, Word
from tests.conftest import ROOT, SHARED
from tests.test_golden_corpora import BLIND
from tests.test_scan_layout import W, _row

SCANNABLE = (".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")  # what can have word boxes
REGRESSION = (ROOT / "tests/regression/corpus",)
# Every corpus reads every development scan, so it is `slow` (scripts/test.sh runs it, after the golden
# tests have read the same files); the quick run compares the builders on the regression scans.
FOLDERS = {"regression": REGRESSION, "every corpus": (*REGRESSION, SHARED / "corpus", ROOT / "tests/corpus/inputs")}
# Where the builders legitimately differ. Without boxes the text builder cannot tell a line that stands
# in the header's left column from one that opens the body: a body opening ('Theo …', 'Để …') set in
# capitals in the left block ends its header there, above the Quốc hiệu.
EARLY_BODY = "the text's body opening matched a line of the header's left block"
EDGE_LINE = ("one line at the edge of two zones that is a seal's debris or the place-date line above a permit's "
             "signature: the page's boxes place it, the text cannot")
DEBRIS_LETTERS = 0.85  # a line with fewer letters among its marks than this is specks, not words
AGREEMENT = 0.9  # share of the samples on which every zone agrees (56 of 57 with ../shared present)


def _page() -> list[Word]:
    return (_row(100, (0.10, "ỦY BAN NHÂN DÂN"), (0.45, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
            + _row(160, (0.12, "TỈNH BÌNH AN"), (0.52, "Độc lập - Tự do - Hạnh phúc"))
            + _row(220, (0.10, "Số: 845/UBND-KGVX"), (0.50, "Bình An, ngày 20 tháng 3 năm 2026"))
            + _row(280, (0.08, "V/v triển khai Kế hoạch số 04-KH/BCĐ"))
            + _row(400, (0.30, "Kính gửi: Sở Khoa học và Công nghệ"))
            + _row(480, (0.10, "Thực hiện Kế hoạch số 04-KH/BCĐ ngày 12/3/2026 của Ban Chỉ đạo tỉnh, Ủy ban"))
            + _row(540, (0.08, "nhân dân tỉnh đề nghị Sở Khoa học và Công nghệ hoàn thành kết nối trước ngày"))
            + _row(600, (0.08, "30/6/2026."))
            + _row(700, (0.08, "Nơi nhận:"), (0.62, "KT. CHỦ TỊCH"))
            + _row(760, (0.08, "- Như trên;"), (0.62, "PHÓ CHỦ TỊCH"))
            + _row(820, (0.08, "- Lưu: VT, KGVX."))
            + _row(980, (0.60, "Nguyễn Hoàng Phúc")))


def _read(words: list[Word]) -> ReadResult:
    text = words_to_text(words, W)
    return ReadResult("x.png", "0" * 64, "image/png", [Page(1, text, "ocr", W, words)])


def test_a_scan_s_zones_are_the_columns_its_boxes_show_with_each_line_s_box() -> None:
    read = _read(_page())
    tree = structure(read)
    cols = {name: [ln.text for ln in lines] for name, lines in tree.columns().items()}
    assert cols["header.left"] == ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH AN", "Số: 845/UBND-KGVX",
                                   "V/v triển khai Kế hoạch số 04-KH/BCĐ"]
    assert cols["header.right"] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                    "Bình An, ngày 20 tháng 3 năm 2026"]
    assert cols["foot.copies"] == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, KGVX."]
    assert cols["foot.signature"] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Hoàng Phúc"]
    assert tree.signature and tree.signature.boxes[0][:3] == (1, 0.62 * W, 700)  # page, left edge, top
    assert tree.header_right and len(tree.header_right.boxes) == len(tree.header_right.lines)
    # the extractors read the zones they read from the text alone
    assert extract_record(read, tree) == extract_record(read, from_text.build(doc_text(read)))


def test_a_scan_s_body_sentences_are_the_same_from_its_boxes_and_from_its_text() -> None:
    read = _read(_page())
    word_tree, text_tree = structure(read), from_text.build(doc_text(read))
    said = [s.text(word_tree.doc) for s in word_tree.sentences]
    assert said == [s.text(text_tree.doc) for s in text_tree.sentences]
    # the body runs from 'Kính gửi:' (its list of one line, no paragraph after it, goes on into the sentence)
    assert "\nThực hiện Kế hoạch số 04-KH/BCĐ" in said[-1] and said[-1].endswith("trước ngày\n30/6/2026")


def _sentences(tree: Dispatch) -> list[tuple[int, int, str, str | None]]:
    return [(s.start, s.end, s.stop, s.item.ordinal if s.item else None) for s in tree.sentences]


def test_each_zone_s_span_in_the_page_text_holds_its_rows() -> None:
    layout = page_layout(_page(), W)
    for name, (start, end) in layout.spans().items():
        rows = layout.zone(name)
        assert layout.text[start:end].startswith(rows[0].text) and layout.text[start:end].endswith(rows[-1].text)


def _samples(folders: tuple[Path, ...]) -> list[Path]:
    out = []
    for folder in folders:
        if folder.is_dir():
            out += sorted(p for p in folder.rglob("*") if p.suffix.lower() in SCANNABLE and p.stem not in BLIND)
    return out


def _read_sample(path: Path) -> ReadResult | None:
    try:
        read = read_file(path)
    except Exception:  # noqa: BLE001  # a sample that cannot be read has no zones to compare
        return None
    if not any(p.words for p in read.pages):
        return None
    for page in read.pages:  # the builders read words, not pixels: rendered pages stay out of the pipe back
        page.image = None
    return read


def _lines(tree: Dispatch) -> dict[str, list[str]]:
    return {name: [ln.text for ln in lines] for name, lines in tree.columns().items()}


def _why(text_tree: Dispatch, word_tree: Dispatch) -> str | None:
    """The reason the builders may differ on a document, or None."""
    right = word_tree.header_right
    if right and text_tree.header.end < right.start:
        return EARLY_BODY
    a, b = _lines(text_tree), _lines(word_tree)
    moved = {ln for n in set(a) | set(b) for ln in set(a.get(n, [])) ^ set(b.get(n, []))}
    if len(moved) == 1 and all(_at_edge(z, next(iter(moved))) for z in (a, b)) and _debris_or_date(next(iter(moved))):
        return EDGE_LINE
    return None


def _at_edge(zones: dict[str, list[str]], line: str) -> bool:
    """The line is the last of one foot zone or the first of another (or of the body's last line), or in none."""
    holding = [lines for lines in zones.values() if line in lines]
    return not holding or any(lines[0] == line or lines[-1] == line for lines in holding)


def _debris_or_date(line: str) -> bool:
    """Specks among its letters (a seal's: '“\\ RE) VÀ TRUYỀN thổi') or a place-date line ('tháng € năm 2025')."""
    marks = [c for c in line if not c.isspace()]
    f = fold(line)
    return sum(c.isalpha() for c in marks) < DEBRIS_LETTERS * len(marks) or "thang" in f and "nam" in f


@pytest.fixture(scope="module", params=[
    "regression", pytest.param("every corpus", marks=pytest.mark.slow)])
def samples(request: pytest.FixtureRequest, reads_dir: Path) -> list[ReadResult]:
    """The golden tests' reads of the same files (read_cache), run before this one (conftest.LAST)."""
    paths = _samples(FOLDERS[request.param])
    if not paths:
        pytest.skip("no sample corpus present")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(read_cache.ENV_DIR, str(reads_dir))
        with ProcessPoolExecutor(max_workers=2) as pool:
            return [r for r in pool.map(_read_sample, paths) if r is not None]


def test_both_builders_give_the_same_zones_on_every_sample_that_has_word_boxes(samples: list[ReadResult]) -> None:
    agree, explained, unexplained = 0, list[str](), list[str]()
    for read in samples:
        doc = doc_text(read)
        text_tree, word_tree = from_text.build(doc), from_words.build(doc, read.pages)
        a, b = _lines(text_tree), _lines(word_tree)
        if a == b:
            agree += 1
            continue
        differ = sorted(n for n in set(a) | set(b) if a.get(n) != b.get(n))
        why = _why(text_tree, word_tree)
        (explained if why else unexplained).append(f"{Path(read.path).name}: {', '.join(differ)} ({why})")
    print(f"\nzones agree on {agree} of {len(samples)} samples with word boxes; explained: {explained}")
    assert unexplained == []
    assert agree >= AGREEMENT * len(samples)


def test_both_builders_give_the_same_body_sentences_on_every_sample_that_has_word_boxes(samples: list[ReadResult]) -> None:
    for read in samples:
        doc = doc_text(read)
        text_tree, word_tree = from_text.build(doc), from_words.build(doc, read.pages)
        assert text_tree.sentences, Path(read.path).name
        assert _sentences(text_tree) == _sentences(word_tree), Path(read.path).name
