"""发件单: one page per send-out batch, the batch's own barcode readable, no phone numbers."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from yinglou_desk.services.labels.jobs import produce_manifests
from yinglou_desk.services.labels.manifests import ManifestRenderer, load_manifests
from yinglou_desk.services.labels.selection import SelectionError
from yinglou_desk.services.scanning.service import ScanService
from yinglou_desk.storage.models import SendOutBatch

from .helpers.label_decode import decode, decode_pdf, pdf_page_sizes
from .helpers.studio import make_studio

A4_PT = (595.3, 841.9)


@pytest.fixture
def batches(engine, clock):
    """Two batches: 30 albums to 金彩相册厂 (two pages), one crystal to 晶典水晶."""
    studio = make_studio(engine, clock)
    album_codes = [f"1000000001{n:02d}" for n in range(30)]
    studio.add_order("A001", album_codes, customer="张小梅", phone="13800138000")
    studio.add_order(
        "A002", ["100000000201"], customer="欧阳娜娜", phone="13911112222", vendor="晶典水晶"
    )
    service = ScanService(engine, clock=clock, lang="zh")
    session = studio.session("send-out")
    for code in [*album_codes, "100000000201"]:
        assert service.scan(session, code).outcome.value == "accepted"
    with engine.connect() as conn:
        rows = conn.execute(select(SendOutBatch.code, SendOutBatch.vendor_id)).all()
    by_vendor = {vendor_id: code for code, vendor_id in rows}
    return by_vendor[studio.vendor_ids["金彩相册厂"]], by_vendor[studio.vendor_ids["晶典水晶"]]


def test_manifest_pdf_has_a_readable_batch_barcode_on_every_page(engine, batches, tmp_path):
    albums, crystal = batches
    path = tmp_path / "manifest.pdf"

    produce_manifests(engine, [crystal, albums], path)

    # crystal: 1 page; albums: 30 lines → 2 pages, each with the batch code
    assert decode_pdf(path, 300) == [[crystal], [albums], [albums]]
    for width, height in pdf_page_sizes(path):
        assert width == pytest.approx(A4_PT[0], abs=1.5)
        assert height == pytest.approx(A4_PT[1], abs=1.5)


def test_manifest_lists_the_batch_items_vendor_and_operator(engine, batches):
    albums, crystal = batches
    [album_manifest, crystal_manifest] = load_manifests(engine, [albums, crystal])

    assert album_manifest.vendor == "金彩相册厂"
    assert album_manifest.operator == "小李"
    assert len(album_manifest.lines) == 30
    assert [line.code for line in crystal_manifest.lines] == ["100000000201"]
    assert crystal_manifest.lines[0].customer == "欧阳娜娜"
    pages = ManifestRenderer().pages(album_manifest)
    assert [(p.page_no, p.page_count) for p in pages] == [(1, 2), (2, 2)]
    assert decode(pages[1].image) == [albums]


def test_no_customer_phone_number_reaches_the_vendor(engine, batches):
    for manifest in load_manifests(engine, list(batches)):
        text = repr(manifest)
        assert "13800138000" not in text
        assert "13911112222" not in text
        assert "0138000" not in text
        assert "1112222" not in text


def test_unknown_batch_is_refused(engine, batches, tmp_path):
    with pytest.raises(SelectionError, match="SB-NOPE"):
        produce_manifests(engine, [batches[0], "SB-NOPE"], tmp_path / "m.pdf")
    assert not (tmp_path / "m.pdf").exists()
