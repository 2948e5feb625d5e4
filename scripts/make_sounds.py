"""Synthesise the scan feedback sounds into ``resources/sounds/`` (run once, commit the WAVs).

Three sounds a sorter can tell apart without looking:

- accepted: a short bright rising two-note chime;
- duplicate: two quick mid beeps ("already had that one");
- refused: a long low buzz (square wave), unmistakably "stop".

Plain 16-bit mono PCM WAV at 44.1 kHz: what QSoundEffect plays everywhere.
Usage: ``python scripts/make_sounds.py [OUTPUT_DIR]``.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 44_100
VOLUME = 0.45


def _tone(freq: float, seconds: float, square: bool = False) -> list[float]:
    n = int(RATE * seconds)
    fade = max(1, int(RATE * 0.008))  # 8 ms in and out: no clicks
    out = []
    for i in range(n):
        phase = math.sin(2 * math.pi * freq * i / RATE)
        sample = (1.0 if phase >= 0 else -1.0) * 0.6 if square else phase
        envelope = min(1.0, i / fade, (n - 1 - i) / fade)
        out.append(sample * envelope)
    return out


def _silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


SOUNDS = {
    "accepted": lambda: _tone(880, 0.08) + _tone(1320, 0.12),
    "duplicate": lambda: _tone(660, 0.07) + _silence(0.06) + _tone(660, 0.07),
    "refused": lambda: _tone(180, 0.45, square=True),
}


def write_wav(path: Path, samples: list[float]) -> None:
    frames = b"".join(struct.pack("<h", int(VOLUME * s * 32767)) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main(argv: list[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else Path(__file__).parents[1] / "resources" / "sounds"
    target.mkdir(parents=True, exist_ok=True)
    for name, make in SOUNDS.items():
        write_wav(target / f"{name}.wav", make())
        print(target / f"{name}.wav")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
