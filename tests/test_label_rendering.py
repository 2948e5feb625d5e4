"""Item labels as images: they decode, their bars are exact whole dots, text never touches them."""

from __future__ import annotations

import itertools

import pytest
from PIL import Image

from yinglou_desk.services.labels import fonts as label_fonts
from yinglou_desk.services.labels.barcode import (
    MIN_MODULE_DOTS,
    QUIET_MODULES,
    BarcodeNotPrintable,
    CodeTooLong,
    code128_modules,
    plan_barcode,
)
from yinglou_desk.services.labels.fonts import (
    ELLIPSIS,
    FontNotFound,
    find_cjk_font,
    fit_line,
    text_width,
)
from yinglou_desk.services.labels.layout import (
    SIZES,
    SUPPORTED_DPI,
    LabelData,
    LabelRenderer,
    LabelSizeError,
    RenderedLabel,
    parse_size,
)

from .helpers.label_decode import decode

ALL_SIZES = list(itertools.product(SIZES, SUPPORTED_DPI))

LONG = LabelData(
    code="100000000001",
    customer="欧阳娜娜丽莎·阿不都热依木江·司马长风",
    order_no="A20260301-000123",
    product="超大水晶摆台特别定制款（含豪华礼盒与烫金封面、双面覆膜）",
    spec="16寸横版",
    qty=2,
    stage="一周岁",
    vendor="金彩相册厂北京朝阳区第二分厂（加急组）",
)


def _expected_bar_row(label: RenderedLabel) -> bytes:
    """One row of the bar band as it must be: white quiet zones, each module N dots."""
    geometry = label.geometry
    row = bytearray(b"\xff" * geometry.width)
    for index, module in enumerate(geometry.modules):
        if module == "1":
            start = geometry.left + index * geometry.module_dots
            row[start : start + geometry.module_dots] = b"\x00" * geometry.module_dots
    return bytes(row)


def _rows(image: Image.Image, left: int, top: int, right: int, bottom: int) -> list[bytes]:
    crop = image.convert("L").crop((left, top, right, bottom))
    return [crop.tobytes()[y * crop.width : (y + 1) * crop.width] for y in range(crop.height)]


@pytest.mark.parametrize(("size", "dpi"), ALL_SIZES)
def test_a_label_crammed_with_long_text_still_decodes_and_its_bars_are_exact(size, dpi):
    label = LabelRenderer(size, dpi).label(LONG)

    assert decode(label.image) == [LONG.code]
    assert label.image.mode == "1"
    assert label.image.size == SIZES[size].dots(dpi)
    assert label.geometry.module_dots >= MIN_MODULE_DOTS
    assert label.geometry.quiet_dots >= QUIET_MODULES * label.geometry.module_dots
    # Every row of the band (quiet zones included) is exactly the module pattern:
    # no text pixel inside, no bar a dot wider or narrower than planned.
    band = label.bar_box
    rows = _rows(label.image, band.left, band.top, band.right, band.bottom)
    assert len(rows) == band.height > 0
    assert set(rows) == {_expected_bar_row(label)}
    # Between the text and the bars only white.
    gap = _rows(label.image, band.left, label.text_box.bottom, band.right, band.top)
    assert all(set(row) == {255} for row in gap)
    # The text is there (the band test above is not passing on an empty label).
    text = label.image.convert("L").crop(
        (label.text_box.left, label.text_box.top, label.text_box.right, label.text_box.bottom)
    )
    assert text.getextrema()[0] == 0
    assert label.text_box.bottom <= band.top < band.bottom <= label.hri_box.top


def test_long_text_is_shortened_on_small_labels_and_short_text_is_not():
    small = LabelRenderer("40x30", 203)
    assert small.label(LONG).shortened
    short = LabelData("100000000002", "张三", "A1", "相册", "12寸", vendor="金彩")
    assert not small.label(short).shortened


def test_the_widest_whole_dot_module_is_chosen_and_centred():
    modules = code128_modules("100000000001")
    assert len(modules) == 101  # start C, 6 digit pairs, checksum, stop
    geometry = plan_barcode("100000000001", 566, 300, "test")
    assert geometry.module_dots == 4  # 121 modules with quiet zones: 566 // 121
    assert abs(geometry.left - (566 - geometry.right)) <= 1


@pytest.mark.parametrize(
    "code",
    ["1234567", "100000000001", "OP-ABCDEFGHJKMN", "SB-ABC234XYZ789", "DM0000000001", "A-1/B 2"],
)
def test_codes_of_every_shape_decode_back_exactly(code):
    label = LabelRenderer("62x29", 300).label(LabelData(code, "张三", "A1", "相册"))
    assert decode(label.image) == [code]


@pytest.mark.parametrize(("size", "dpi"), ALL_SIZES)
def test_a_code_too_long_for_the_label_is_refused_not_squeezed(size, dpi):
    code = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCD"  # 40 characters, the longest allowed
    with pytest.raises(CodeTooLong) as refused:
        LabelRenderer(size, dpi).label(LabelData(code, "张三", "A1", "相册"))
    message = str(refused.value)
    assert code in message
    assert refused.value.key == "labels.code_too_long"
    assert "太长" in message
    assert refused.value.needed_dots > refused.value.available_dots


def test_the_refusal_depends_on_the_resolution():
    code = "OP-ABCDEFGHJKMN"  # 220 modules with quiet zones: 440 dots at 2 dots each
    with pytest.raises(CodeTooLong):
        LabelRenderer("50x30", 203).label(LabelData(code, "张三", "A1", "相册"))
    label = LabelRenderer("50x30", 300).label(LabelData(code, "张三", "A1", "相册"))
    assert decode(label.image) == [code]


def test_characters_code128_cannot_carry_are_refused():
    with pytest.raises(BarcodeNotPrintable, match="Code 128"):
        LabelRenderer("50x30", 300).label(LabelData("相册001", "张三", "A1", "相册"))


@pytest.mark.parametrize("text", ["50x30", "50×30", " 50X30mm ", "62*29"])
def test_sizes_are_read_as_staff_write_them(text):
    assert parse_size(text).name in SIZES


@pytest.mark.parametrize("text", ["10x10", "50", "abc", ""])
def test_unknown_sizes_are_refused_with_the_choices(text):
    with pytest.raises(LabelSizeError, match=r"40x30.*50x30.*60x40.*62x29"):
        parse_size(text)


def test_unsupported_dpi_is_refused():
    with pytest.raises(LabelSizeError, match="203 或 300"):
        LabelRenderer("50x30", 600)


def test_fit_line_shrinks_first_then_cuts_with_an_ellipsis():
    font = find_cjk_font()
    fitted = fit_line(font, "张小梅", 400, 40, 20)
    assert (fitted.text, fitted.size_px, fitted.shortened) == ("张小梅", 40, False)

    width_at_40 = text_width(label_fonts.load_font(font, 40), "张小梅")
    shrunk = fit_line(font, "张小梅", width_at_40 - 10, 40, 20)
    assert shrunk.text == "张小梅"
    assert 20 <= shrunk.size_px < 40

    cut = fit_line(font, "超大水晶摆台特别定制款含豪华礼盒", 150, 40, 20)
    assert cut.shortened
    assert cut.size_px == 20
    assert cut.text.endswith(ELLIPSIS)
    assert cut.text.startswith("超大")
    assert text_width(cut.font, cut.text) <= 150


def test_the_font_can_be_chosen_by_environment_variable(monkeypatch):
    chosen = find_cjk_font()
    monkeypatch.setenv(label_fonts.FONT_ENV, chosen.path)
    assert find_cjk_font().path == chosen.path

    monkeypatch.setenv(label_fonts.FONT_ENV, "/nonexistent/font.ttf")
    with pytest.raises(FontNotFound, match=r"/nonexistent/font\.ttf"):
        find_cjk_font()
    with pytest.raises(FontNotFound):
        LabelRenderer("50x30", 300)


def test_no_chinese_font_on_the_system_says_how_to_fix_it(monkeypatch):
    monkeypatch.delenv(label_fonts.FONT_ENV, raising=False)
    monkeypatch.delenv("WINDIR", raising=False)
    monkeypatch.setattr(label_fonts, "CANDIDATE_FONTS", ("/nonexistent/a.ttc",))
    monkeypatch.setattr(label_fonts, "_fontconfig_chinese_fonts", lambda: [])
    with pytest.raises(FontNotFound) as missing:
        find_cjk_font()
    assert "中文字体" in str(missing.value)
    assert "YINGLOU_LABEL_FONT" in str(missing.value)


def test_windows_installed_on_another_drive_still_finds_microsoft_yahei(monkeypatch, tmp_path):
    """Windows' fonts are where ``%WINDIR%`` says (D:\\Windows on some PCs), not always C:."""
    monkeypatch.delenv(label_fonts.FONT_ENV, raising=False)
    yahei = tmp_path / "Windows" / "Fonts" / "msyh.ttc"
    yahei.parent.mkdir(parents=True)
    yahei.symlink_to(find_cjk_font().path)
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    assert find_cjk_font().path == str(yahei)


def test_a_font_given_as_a_parameter_is_used(tmp_path):
    chosen = find_cjk_font()
    renderer = LabelRenderer("50x30", 300, font=chosen.path)
    assert renderer.font.path == chosen.path
    with pytest.raises(FontNotFound):
        LabelRenderer("50x30", 300, font=tmp_path / "missing.ttf")
