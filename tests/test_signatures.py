"""Digital signatures as an archivist checks them on receipt (NĐ 30/2020): who signed, what the
signature covers, whether the signed bytes still match, and trust only against roots the user
gives. A real signed dispatch of the corpus, copies of it tampered with, and PDFs signed here
with a self-signed certificate made by the test."""
from __future__ import annotations

import datetime
import json
import shutil
from io import BytesIO
from pathlib import Path

import pytest

from pipeline.reading.files import read_file
from pipeline.reading.signatures import NOT_CHECKED, modified_after_last, verify_file, verify_pdf
from tests.conftest import ROOT
from tests.test_cli_output import congvan

SIGNED = ROOT / "tests/corpus/inputs/misc_12.pdf"  # one signature (Nguyễn Quốc Hoàn), whole file


def test_a_signed_dispatch_reports_its_signer_coverage_and_integrity() -> None:
    [sig] = verify_pdf(SIGNED)
    assert sig["field"] == "Signature1" and sig["page"] == 1
    assert sig["signer"]["cn"] == "Nguyễn Quốc Hoàn"
    assert sig["issuer"]["o"] and sig["issuer"]["cn"]
    assert sig["signing_time"] and sig["dictionary_time"]
    assert sig["covers"] == "whole file" and sig["intact"] is True and sig.get("error") is None
    assert sig["trust"] == NOT_CHECKED  # never "valid" without roots to judge by
    assert sig["chain"][0] == "Nguyễn Quốc Hoàn"
    assert verify_file(SIGNED)[1] is True


def test_one_byte_changed_inside_the_signed_range_breaks_the_signature(tmp_path: Path) -> None:
    data = bytearray(SIGNED.read_bytes())
    at = data.index(b"\n", 0) + 2  # inside the binary comment after the header: parsed by no one, signed
    data[at] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    [sig] = verify_pdf(bad)
    assert sig["intact"] is False
    rows, ok = verify_file(bad)
    assert not ok and rows[0]["intact"].startswith("NO")
    result = congvan("verify", str(SIGNED), str(bad))
    assert result.returncode == 1, result.stderr
    assert "NO: the signed" in " ".join(result.stdout.split())  # the verdict (a narrow table wraps its cell)


def test_an_update_appended_after_signing_is_reported(tmp_path: Path) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(SIGNED.read_bytes()), strict=False)
    writer.root["/Congvan"] = generic.TextStringObject("added after signing")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    later = tmp_path / "updated.pdf"
    later.write_bytes(out.getvalue())
    [sig] = verify_pdf(later)
    assert sig["intact"] is True and sig["covers"] == "earlier revision" and sig["added_after"]
    assert modified_after_last([sig])
    assert congvan("verify", str(later)).returncode == 1
    assert congvan("verify", str(SIGNED)).returncode == 0


def test_a_signature_that_cannot_be_parsed_is_reported_and_the_file_is_still_read(tmp_path: Path) -> None:
    data = SIGNED.read_bytes()
    start = data.index(b"/Contents", data.index(b"/ByteRange"))
    start = data.index(b"<", start) + 1
    broken = tmp_path / "garbled.pdf"
    broken.write_bytes(data[:start] + b"0" * 40 + data[start + 40:])  # the CMS blob's first bytes zeroed
    [sig] = verify_pdf(broken)
    assert sig["error"].startswith("cannot be checked:")
    read = read_file(broken, ocr="off")
    assert read.pages[0].text and read.signatures[0]["error"].startswith("cannot be checked:")
    result = congvan("verify", str(broken), str(SIGNED))  # the damaged file is named, the next one checked
    assert result.returncode == 1 and f"congvan: {broken}: signature Signature1 cannot be checked" in result.stderr
    assert "Nguyễn Quốc Hoàn" in result.stdout


def _self_signed(tmp_path: Path, name: str) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                         x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Sở Thử nghiệm"),
                         x509.NameAttribute(NameOID.LOCALITY_NAME, "Bình An"),
                         x509.NameAttribute(NameOID.EMAIL_ADDRESS, "vanthu@binhan.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    key_pem, cert_pem = tmp_path / f"{name}.key", tmp_path / f"{name}.pem"
    key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_pem, cert_pem


def _signed_here(tmp_path: Path, key: Path, cert: Path) -> Path:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from reportlab.pdfgen import canvas

    plain = BytesIO()
    page = canvas.Canvas(plain)
    page.drawString(72, 720, "So: 12/UBND-VP  Binh An, ngay 05 thang 3 nam 2026")
    page.save()
    signer = signers.SimpleSigner.load(str(key), str(cert))
    assert signer is not None
    out = signers.sign_pdf(IncrementalPdfFileWriter(BytesIO(plain.getvalue())),
                           signers.PdfSignatureMetadata(field_name="VanThu"), signer=signer)
    path = tmp_path / "signed_here.pdf"
    path.write_bytes(out.getvalue())
    return path


def test_trust_is_judged_only_against_the_roots_given(tmp_path: Path) -> None:
    from pipeline.reading.signatures import load_trust_roots

    key, cert = _self_signed(tmp_path, "Văn thư Sở Thử nghiệm")
    _, other = _self_signed(tmp_path, "Một gốc khác")
    pdf = _signed_here(tmp_path, key, cert)
    [sig] = verify_pdf(pdf)
    assert sig["signer"] == {"cn": "Văn thư Sở Thử nghiệm", "o": "Sở Thử nghiệm", "ou": None, "l": "Bình An",
                             "email": "vanthu@binhan.example"}
    assert sig["field"] == "VanThu" and sig["intact"] and sig["trust"] == NOT_CHECKED
    assert verify_pdf(pdf, trust_roots=load_trust_roots([cert]))[0]["trust"] == "valid"
    assert verify_pdf(pdf, trust_roots=load_trust_roots([other]))[0]["trust"].startswith("invalid")
    result = congvan("verify", str(pdf), "--trust-root", str(other))
    assert result.returncode == 0 and "invalid" in result.stdout  # untrusted is reported, not a broken file
    assert congvan("verify", str(pdf), "--trust-root", str(tmp_path / "missing.pem")).returncode != 0


def test_signatures_go_into_the_record_the_database_and_show(tmp_path: Path) -> None:
    copy = tmp_path / "signed.pdf"
    shutil.copy(SIGNED, copy)
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert congvan("ingest", str(copy), "--workers", "1", db=db).returncode == 0
    shown = congvan("show", "--format", "json", _number_of(copy), db=db)
    assert shown.returncode == 0, shown.stderr
    [doc] = json.loads(shown.stdout)
    [sig] = doc["digital_signatures"]
    assert sig["signer"].startswith("Nguyễn Quốc Hoàn") and sig["intact"] == "yes" and sig["trust"] == NOT_CHECKED


def _number_of(path: Path) -> str:
    record = json.loads(congvan("extract", str(path), "--ocr", "off").stdout)
    assert record["source"]["signatures"][0]["field"] == "Signature1"
    return str(record["number"])


def test_unsigned_files_have_no_signatures() -> None:
    text = ROOT / "data/raw" / next(p.name for p in (ROOT / "data/raw").glob("*.txt"))
    assert read_file(text).signatures == []
    assert verify_pdf(ROOT / "data/raw/rendered/03_cv_ubnd_tinh.pdf") == []


@pytest.mark.slow  # whole ingests as the CLI runs them: CI (scripts/test.sh --slow), not the quick run
def test_ingest_and_extract_judge_trust_by_the_roots_given_and_show_lists_it(tmp_path: Path) -> None:
    key, cert = _self_signed(tmp_path, "Văn thư Sở Thử nghiệm")
    pdf = _signed_here(tmp_path, key, cert)
    extracted = congvan("extract", str(pdf), "--ocr", "off", "--trust-root", str(cert))
    assert extracted.returncode == 0, extracted.stderr
    record = json.loads(extracted.stdout)
    assert record["source"]["signatures"][0]["trust"] == "valid"
    db = f"sqlite:///{tmp_path / 'c.db'}"
    assert congvan("ingest", str(pdf), "--workers", "1", "--ocr", "off", "--trust-root", str(cert), db=db).returncode == 0
    [doc] = json.loads(congvan("show", "--format", "json", str(record["number"]), db=db).stdout)
    assert doc["digital_signatures"][0]["trust"] == "valid"
    refused = congvan("ingest", str(pdf), "--trust-root", str(tmp_path / "missing.pem"), db=db)
    assert refused.returncode != 0 and "missing.pem" in refused.stderr  # refused before any file is read
