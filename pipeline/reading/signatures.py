"""Every digital signature of a PDF, checked with pyHanko: who signed, when, what it covers, whether it holds.

NĐ 30/2020 has the văn thư verify an incoming electronic document's digital signature. For each
signature field this reports the signer certificate's subject and issuer, the signing time the
CMS says and the one the signature dictionary says (/M), the application (/Prop_Build), the
field and its page, what the signature covers (the whole file, or an earlier revision and what
was added after it, as pyHanko's difference analysis judges it) and whether the digest and the
signature still match (integrity). Trust is a separate question: the chain as embedded, and a
verdict only against roots the user supplies (`--trust-root`), otherwise "not checked". A
signature that cannot be parsed or checked gets "cannot be checked: reason"; the file is still
read. pyHanko is imported only for a PDF that has a /ByteRange, so unsigned files cost nothing.
"""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ..errors import UsageError

log = logging.getLogger(__name__)
NOT_CHECKED = "not checked"
SUSPICIOUS = "changes no signature allows"  # pyHanko's difference analysis found a modification a signer did not permit
WEAK_DIGESTS = {"md5", "sha1"}
_COVERS = {"ENTIRE_FILE": "whole file", "ENTIRE_REVISION": "earlier revision",
           "CONTIGUOUS_BLOCK_FROM_START": "part of a revision", "UNCLEAR": "unclear"}
_ADDED = {"NONE": None, "LTA_UPDATES": "validation data or a document timestamp", "FORM_FILLING": "form filling",
          "ANNOTATIONS": "annotations", "OTHER": "other changes"}
_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+\-])?(\d{2})?'?(\d{2})?")


def has_signatures(data: bytes) -> bool:
    """Whether the PDF's bytes hold a signature dictionary at all (cheap: no parsing)."""
    return b"/ByteRange" in data


def load_trust_roots(paths: Sequence[Path]) -> tuple[bytes, ...]:
    """The certificates of `--trust-root` files (PEM, several per file, or DER), each as its DER
    bytes: checked here, once, and small and picklable for the workers (and a Dask cluster's)."""
    from asn1crypto import pem, x509

    roots: list[bytes] = []
    for p in paths:
        try:
            data = Path(p).read_bytes()
            blocks = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            for der in blocks:
                x509.Certificate.load(der).native  # noqa: B018 - parsing is lazy: a damaged certificate fails here, not mid-batch
            roots += blocks
        except (OSError, ValueError, TypeError) as e:
            raise UsageError(f"--trust-root {p}: not a certificate file ({e})") from e
    return tuple(roots)


def _certificates(roots: Sequence[bytes]) -> list[Any]:
    from asn1crypto import x509

    return [x509.Certificate.load(der) for der in roots]


def verify_pdf(path: str | Path, data: bytes | None = None, trust_roots: Sequence[bytes] = ()) -> list[dict[str, Any]]:
    """One entry per signature field, in signing order; [] when the PDF is unsigned. Trust is
    judged against `trust_roots` (DER certificates, as load_trust_roots gives them), else "not checked"."""
    data = Path(path).read_bytes() if data is None else data
    if not has_signatures(data):
        return []
    _quiet_pyhanko()
    _import_pyhanko()
    from io import BytesIO

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        fields = [(name, ref) for name, value, ref in enumerate_sig_fields(reader, filled_status=True)]
        pages = _page_numbers(reader)
    except Exception as e:  # noqa: BLE001 - pyHanko raises many kinds on a damaged file
        return [{"kind": "digital", "field": None, "error": f"cannot be checked: {_reason(e)}"}]
    roots = _certificates(trust_roots)
    out = [_one(reader, name, ref, pages, roots) for name, ref in fields]
    out.sort(key=lambda s: (s.get("revision") is None, s.get("revision") or 0))
    return out


_IMPORTING = threading.Lock()


def _import_pyhanko() -> None:
    """pyHanko's modules, first imported by one thread at a time: a worker reads two files on two
    threads (pipeline/ingest.py), and two first imports of pyHanko's mutually importing modules at
    once left one thread with a partially initialised module, so a signed PDF failed now and then."""
    with _IMPORTING:
        import pyhanko.pdf_utils.reader  # noqa: F401
        import pyhanko.sign.fields  # noqa: F401
        import pyhanko.sign.validation  # noqa: F401
        import pyhanko.sign.validation.pdf_embedded  # noqa: F401
        import pyhanko_certvalidator  # noqa: F401
        import pyhanko_certvalidator.policy_decl  # noqa: F401


def modified_after_last(signatures: list[dict[str, Any]]) -> bool:
    """The file was changed after its last signature (beyond validation data a signature allows)."""
    done = [s for s in signatures if s.get("revision") is not None]
    if not done:
        return False
    last = done[-1]
    return last["covers"] != "whole file" and last.get("added_after") != _ADDED["LTA_UPDATES"]


def broken(signature: dict[str, Any]) -> bool:
    return bool(signature.get("error")) or signature.get("intact") is False


def _one(reader: Any, name: str, ref: Any, pages: dict[int, int], trust_roots: Sequence[Any] | None) -> dict[str, Any]:
    from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature

    entry: dict[str, Any] = {"kind": "digital", "field": name, "page": _page_of(ref, pages)}
    try:
        sig = EmbeddedPdfSignature(reader, ref.get_object(), name)
        entry.update(_described(sig))
        entry.update(_checked(sig, trust_roots))
    except Exception as e:  # noqa: BLE001 - a malformed dictionary, a truncated CMS, an unknown algorithm
        log.info("signature %s: %s", name, e, exc_info=True)
        entry["error"] = f"cannot be checked: {_reason(e)}"
    return entry


def _described(sig: Any) -> dict[str, Any]:
    """What the signature says of itself, before any check."""
    cert = sig.signer_cert
    subject, issuer = cert.subject.native, cert.issuer.native
    build = _get(sig.sig_object, "/Prop_Build")
    app = _get(_get(build, "/App"), "/Name") if build else None
    return {
        "signer": {"cn": subject.get("common_name"), "o": subject.get("organization_name"),
                   "ou": _one_of(subject.get("organizational_unit_name")), "l": subject.get("locality_name"),
                   "email": subject.get("email_address")},
        "issuer": {"cn": issuer.get("common_name"), "o": issuer.get("organization_name")},
        "serial": format(cert.serial_number, "x"),
        "dictionary_time": _pdf_date(_get(sig.sig_object, "/M")),
        "application": str(app).lstrip("/") or None if app else None,
        "sub_filter": str(_get(sig.sig_object, "/SubFilter") or "").lstrip("/") or None,
        "revision": sig.signed_revision,
        "revisions": sig.reader.xrefs.total_revisions,
        "chain": _embedded_chain(cert, sig.signed_data),
    }


def _checked(sig: Any, trust_roots: Sequence[Any] | None) -> dict[str, Any]:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.policy_decl import AcceptAllAlgorithms

    # Integrity is checked whatever the digest (a SHA-1 signature is reported as weak, not skipped);
    # nothing is fetched from the network: trust is decided only against the roots given.
    context = ValidationContext(trust_roots=list(trust_roots or []), allow_fetching=False,
                                algorithm_usage_policy=AcceptAllAlgorithms())
    status = validate_pdf_signature(sig, context, ts_validation_context=context)
    diff = status.diff_result
    level = getattr(status.modification_level, "name", None)
    added = _ADDED.get(level or "NONE") if diff is None or hasattr(diff, "modification_level") \
        else f"{SUSPICIOUS}: {str(diff).split('. ')[0][:120]}"
    changed = sorted(getattr(diff, "changed_form_fields", None) or [])
    ts = status.timestamp_validity
    coverage = getattr(status.coverage, "name", "UNCLEAR")
    return {
        "signing_time": _iso(status.signer_reported_dt),
        "timestamp": _iso(ts.timestamp) if ts is not None else None,
        "covers": _COVERS.get(coverage, coverage.lower()),
        "added_after": added + (": " + ", ".join(changed) if changed else "") if added else None,
        "intact": bool(status.intact and status.valid),
        "digest": status.md_algorithm,
        "weak_digest": status.md_algorithm in WEAK_DIGESTS,
        "trust": _trust(status, trust_roots),
    }


def _trust(status: Any, trust_roots: Sequence[Any] | None) -> str:
    if not trust_roots:
        return NOT_CHECKED
    if status.trusted and not status.revoked:
        return "valid"
    problem = getattr(status.trust_problem_indic, "name", None)
    return "invalid: " + ("revoked" if status.revoked else (problem or "no path to a trusted root").lower().replace("_", " "))


def _embedded_chain(cert: Any, signed_data: Any) -> list[str]:
    """Signer, then each issuer found among the certificates the CMS carries, up to a self-signed
    root or the first issuer not embedded (named with '(not embedded)')."""
    certs = [c.chosen for c in (signed_data["certificates"] or []) if c.name == "certificate"]
    chain, seen = [cert], {cert.sha256}
    while chain[-1].self_signed == "no":  # asn1crypto: "no", "maybe" (issuer is subject) or "yes"
        up = next((c for c in certs if c.subject == chain[-1].issuer and c.sha256 not in seen), None)
        if up is None:
            return [_name(c.subject) for c in chain] + [_name(chain[-1].issuer) + " (not embedded)"]
        chain.append(up)
        seen.add(up.sha256)
    return [_name(c.subject) for c in chain]


def _name(name: Any) -> str:
    native = name.native
    return str(native.get("common_name") or native.get("organization_name") or name.human_friendly)


def _page_numbers(reader: Any) -> dict[int, int]:
    """Object number of each page -> its 1-based number."""
    out: dict[int, int] = {}
    stack = [reader.root.raw_get("/Pages")]
    while stack and len(out) < 100_000:
        ref = stack.pop()
        node = ref.get_object()
        if _get(node, "/Type") == "/Pages" or "/Kids" in node:
            stack += reversed(list(node["/Kids"]))
        elif hasattr(ref, "idnum"):
            out[ref.idnum] = len(out) + 1
    return out


def _page_of(ref: Any, pages: dict[int, int]) -> int | None:
    """The page of a field's widget (its /P, or the field itself, or its first kid's)."""
    try:
        field = ref.get_object()
        widgets = [field, *[k.get_object() for k in field.get("/Kids", [])]]
        for w in widgets:
            p = w.raw_get("/P") if "/P" in w else None
            if p is not None and getattr(p, "idnum", None) in pages:
                return pages[p.idnum]
    except Exception:  # noqa: BLE001 - a page is a nicety; the signature is still checked
        return None
    return None


def _get(obj: Any, key: str) -> Any:
    try:
        return obj.get(key) if obj is not None else None
    except Exception:  # noqa: BLE001
        return None


def _one_of(value: Any) -> Any:
    return ", ".join(value) if isinstance(value, list) else value


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _pdf_date(value: Any) -> str | None:
    """A PDF date string (D:20250124150622+07'00') as ISO 8601; None when absent or unreadable."""
    m = _PDF_DATE.match(str(value or ""))
    if not m:
        return None
    y, mo, d, h, mi, s, sign, tzh, tzm = m.groups()
    base = f"{y}-{mo or '01'}-{d or '01'}T{h or '00'}:{mi or '00'}:{s or '00'}"
    if sign == "Z":
        return base + "+00:00"
    return base + (f"{sign}{tzh or '00'}:{tzm or '00'}" if sign in ("+", "-") else "")


def _reason(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {text[:160]}" if text else type(e).__name__


def _quiet_pyhanko() -> None:
    """pyHanko logs every path it cannot build, with a traceback, at WARNING: an untrusted chain
    is reported in the signature's own row; the logs are for -v."""
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def verify_file(path: Path, trust_roots: Sequence[bytes] = ()) -> tuple[list[dict[str, Any]], bool]:
    """`congvan verify`'s rows for one file and whether it passes: every signature intact and
    checkable, and nothing changed after the last one. A file that is no PDF raises InputError."""
    from ..errors import InputError
    from .files import is_pdf, open_regular

    with open(open_regular(path), "rb") as f:
        data = f.read()
    if not is_pdf(Path(path), data):
        raise InputError(path, "not a PDF file")
    signatures = verify_pdf(path, data, trust_roots)
    if not signatures:
        return [{"file": str(path), "field": "", "signer": "(no digital signature)", "time": "", "covers": "",
                 "intact": "", "trust": ""}], True
    changed = modified_after_last(signatures)
    rows = []
    for s in signatures:
        if s.get("error"):
            rows.append({"file": str(path), "field": s.get("field") or "", "signer": "", "time": "", "covers": "",
                         "intact": s["error"], "trust": ""})
            continue
        added = s.get("added_after") or ""
        after = f", then {SUSPICIOUS if added.startswith(SUSPICIOUS) else added}" if added else ""
        weak = f" ({s['digest']}, weak)" if s.get("weak_digest") else ""
        rows.append({"file": str(path), "field": s["field"] or "", "signer": s["signer"].get("cn") or "",
                     "time": s.get("signing_time") or s.get("dictionary_time") or "",
                     "covers": ("yes" if s["covers"] == "whole file" else f"no: {s['covers']}{after}"),
                     "intact": ("yes" if s["intact"] else "NO: the signed bytes changed") + weak,
                     "trust": s["trust"]})
    if changed:
        rows[-1]["covers"] += " (the file was modified after its last signature)"
    return rows, not changed and not any(broken(s) for s in signatures)
