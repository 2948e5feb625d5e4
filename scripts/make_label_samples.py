"""Writes docs/labels/label-<size>-300dpi.png: one sample label of each supported size.

The samples carry a deliberately long Chinese name and product name, to show
how text is fitted (shrunk, then shortened with "…") and never drawn over the
bars. Every sample is decoded with zbar before it is written, when pyzbar is
installed, so the docs never show a label that does not scan.

Run from the repository root: ``python scripts/make_label_samples.py``
(``--out DIR``, ``--dpi 203`` to see the printer's coarser dots).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from yinglou_desk.services.labels.layout import SIZES, LabelData, LabelRenderer
from yinglou_desk.services.labels.output import write_images

SAMPLE = LabelData(
    code="260301000123",
    customer="欧阳娜娜丽莎·阿不都热依木江",
    order_no="A20260301-0012",
    product="超大水晶摆台特别定制款（含豪华礼盒与烫金封面）",
    spec="16寸横版",
    qty=2,
    stage="一周岁",
    vendor="金彩相册厂北京朝阳第二分厂",
)


def _check_decodes(image, code: str) -> None:  # type: ignore[no-untyped-def]
    try:
        from pyzbar import pyzbar
    except ImportError:  # the samples are still right; only the self-check is skipped
        return
    found = [s.data.decode("ascii") for s in pyzbar.decode(image.convert("L"))]
    if found != [code]:
        raise SystemExit(f"sample does not decode: got {found}, expected {code}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/labels"))
    parser.add_argument("--dpi", type=int, default=300)
    args = parser.parse_args(argv)
    for name in SIZES:
        label = LabelRenderer(name, args.dpi).label(SAMPLE)
        _check_decodes(label.image, SAMPLE.code)
        [path] = write_images([label.image], args.out / f"label-{name}-{args.dpi}dpi.png", args.dpi)
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
