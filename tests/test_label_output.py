"""Label files: every label of a PDF or PNG decodes to exactly the codes, pages are label-sized."""

from __future__ import annotations

import itertools

import pytest
from PIL import Image, ImageChops

from yinglou_desk.services.labels import output as label_output
from yinglou_desk.services.labels.layout import SIZES, SUPPORTED_DPI, LabelData, LabelRenderer
from yinglou_desk.services.labels.output import OutputError, png_paths, write_images

from .helpers.label_decode import decode, decode_pdf, pdf_embedded_images, pdf_page_sizes

ALL_SIZES = list(itertools.product(SIZES, SUPPORTED_DPI))


def _labels(size: str, dpi: int, count: int = 3):
    renderer = LabelRenderer(size, dpi)
    return [
        renderer.label(
            LabelData(
                code=f"2026030{n:05d}",
                customer="司马长风欧阳娜娜丽莎",
                order_no=f"A2026-{n:04d}",
                product="水晶摆台豪华定制款（烫金封面）",
                spec="10寸",
                stage="百天",
                vendor="晶典水晶",
            )
        )
        for n in range(1, count + 1)
    ]


@pytest.mark.parametrize(("size", "dpi"), ALL_SIZES)
def test_every_page_of_a_pdf_decodes_to_its_label_and_is_the_label_size(tmp_path, size, dpi):
    labels = _labels(size, dpi)
    path = tmp_path / "labels.pdf"

    assert write_images([label.image for label in labels], path, dpi) == [path]

    assert decode_pdf(path, dpi) == [[label.code] for label in labels]
    width_px, height_px = SIZES[size].dots(dpi)
    one_dot_pt = 72 / dpi
    for width_pt, height_pt in pdf_page_sizes(path):
        assert width_pt == pytest.approx(width_px * 72 / dpi, abs=0.01)
        assert height_pt == pytest.approx(height_px * 72 / dpi, abs=0.01)
        # within one printer dot of the label's nominal size
        assert 0 <= SIZES[size].width_mm * 72 / 25.4 - width_pt < one_dot_pt
        assert 0 <= SIZES[size].height_mm * 72 / 25.4 - height_pt < one_dot_pt


@pytest.mark.parametrize("libtiff", [True, False])
def test_the_pdf_stores_our_dots_losslessly_at_the_printer_dpi(tmp_path, monkeypatch, libtiff):
    """Not JPEG: Pillow falls back to lossy JPEG for 1-bit pages without libtiff."""
    real_check = label_output.features.check
    monkeypatch.setattr(
        label_output.features,
        "check",
        lambda name: libtiff if name == "libtiff" else real_check(name),
    )
    labels = _labels("50x30", 203, count=2)
    path = tmp_path / "labels.pdf"
    write_images([label.image for label in labels], path, 203)

    stored = pdf_embedded_images(path)
    assert len(stored) == 2
    for (image, x_ppi, y_ppi), label in zip(stored, labels, strict=True):
        assert (x_ppi, y_ppi) == (203, 203)
        assert ImageChops.difference(image, label.image.convert("L")).getbbox() is None


@pytest.mark.parametrize(("size", "dpi"), ALL_SIZES)
def test_several_labels_as_png_go_to_numbered_files_that_each_decode(tmp_path, size, dpi):
    labels = _labels(size, dpi)
    path = tmp_path / "labels.png"

    written = write_images([label.image for label in labels], path, dpi)

    assert written == [tmp_path / f"labels-{n:03d}.png" for n in (1, 2, 3)]
    assert not path.exists()
    for file, label in zip(written, labels, strict=True):
        with Image.open(file) as image:
            assert decode(image) == [label.code]
            assert image.size == SIZES[size].dots(dpi)
            assert tuple(round(v) for v in image.info["dpi"]) == (dpi, dpi)


def test_one_label_as_png_goes_to_exactly_the_named_file(tmp_path):
    [label] = _labels("62x29", 300, count=1)
    path = tmp_path / "one.png"
    assert write_images([label.image], path, 300) == [path]
    with Image.open(path) as image:
        assert decode(image) == [label.code]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.png"]


@pytest.mark.parametrize("name", ["labels.jpg", "labels", "labels.pdf.txt"])
def test_other_file_types_are_refused_and_nothing_is_written(tmp_path, name):
    [label] = _labels("50x30", 300, count=1)
    with pytest.raises(OutputError, match=r"\.pdf 或 \.png"):
        write_images([label.image], tmp_path / name, 300)
    assert list(tmp_path.iterdir()) == []


def test_no_temporary_files_are_left_behind(tmp_path):
    labels = _labels("50x30", 300, count=2)
    write_images([label.image for label in labels], tmp_path / "a.pdf", 300)
    write_images([label.image for label in labels], tmp_path / "b.png", 300)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "b-001.png", "b-002.png"]


def test_png_paths_number_from_one():
    assert png_paths("x/out.png", 1)[0].name == "out.png"
    assert [p.name for p in png_paths("x/out.png", 2)] == ["out-001.png", "out-002.png"]
