"""Audio-classification items: synthesised sound events, one label each (practice + exam pool)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.generators import media_audio as au
from tools.generators.media_common import (
    Flow,
    audio_labels,
    bi,
    item_dir,
    item_head,
    reset_dir,
    write_item,
)

GENERATOR = "tools/generators/media.py"
ASSET = "audio.ogg"
MODULE = "audio-classification"

INSTRUCTIONS_KO = """\
클립을 끝까지 듣고, 가장 두드러진 소리(**전경 소리**)의 클래스를 **하나** 고르세요.

| 클래스 | 이렇게 들리면 |
|---|---|
| 사람 말소리 | 사람이 말하는 소리 (내용을 못 알아들어도 말이면 해당) |
| 사이렌 | 높낮이가 천천히 오르내리는 긴 경보음 |
| 개 짖는 소리 | 짧고 거친 '컹컹' 소리가 끊어지며 반복 |
| 초인종 | '딩-동' 하고 울리는 두 음 |
| 빗소리 | '쏴아' 하는 잡음에 빗방울 튀는 소리 |
| 음악 | 화음과 선율이 있는 연주 |
| 무음 | 소리가 없거나 아주 작은 바탕 잡음뿐 |

## 판단 규칙
1. 처음부터 끝까지 깔린 **배경 소리**(빗소리, 차 소리)보다 그 위에서 두드러지는 **전경 소리**를 고릅니다. 예:
   빗속에서 개가 짖으면 `개 짖는 소리`.
2. 배경 소리만 들리면 그 소리를 고릅니다 (빗소리만 있으면 `빗소리`).
3. 서로 다른 전경 소리가 **같은 크기로 내내 겹쳐** 하나를 고를 수 없거나, 무슨 소리인지 알 수 없으면 추측하지
   말고 `판단 불가`를 고릅니다.
"""

INSTRUCTIONS_EN = """\
Listen to the whole clip and pick **one** class: the most prominent sound (the **foreground**).

| Class | Sounds like |
|---|---|
| Speech | a person talking (even if you cannot make out the words) |
| Siren | a long warning tone slowly sweeping up and down |
| Dog barking | short rough "woof" sounds, repeated with gaps |
| Doorbell | a two-note "ding-dong" chime |
| Rain | a steady hiss with droplets pattering |
| Music | played notes with chords and a melody |
| Silence | no sound, or only a very faint hiss |

## Rules
1. Prefer the **foreground** sound that stands out over a **background** that runs through the whole clip (rain,
   traffic). Example: a dog barking in the rain is `Dog barking`.
2. If only a background sound is heard, pick it (rain alone is `Rain`).
3. If different foreground sounds **overlap at the same loudness all the way through** so that no single one can
   be chosen, or you cannot tell what the sound is, do not guess: pick `Cannot judge`.
"""


@dataclass(frozen=True)
class SoundItem:
    """One audio-classification clip and its gold class."""

    slug: str
    module: str | None
    gold: str
    difficulty: int
    title_ko: str
    title_en: str
    make: Callable[[Path], au.Signal]  # renders the mixed clip


def _siren_street(work: Path) -> au.Signal:
    # a steady tone sounds much louder than speech at the same peak: keep it quieter
    return au.mix(au.siren(4.5), au.traffic_noise(4.6, 301), 22, work, peak_db=-11)


def _dog_in_rain(work: Path) -> au.Signal:
    barks = au.dog_barks(5.0, [0.5, 0.85, 2.1, 2.45, 2.8, 4.0], seed=302)
    return au.mix(barks, au.rain_noise(5.1, 302), 6, work)


def _dog_and_doorbell(work: Path) -> au.Signal:
    # both foreground sounds run through the whole clip at the same level: nothing dominates
    seconds = 5.0
    barks = au.dog_barks(seconds, [0.3, 0.65, 1.5, 1.85, 2.7, 3.05, 3.9, 4.25], seed=303)
    bell = au.doorbell(seconds, [0.2, 1.4, 2.6, 3.8])
    both = au.unit(barks) + au.unit(bell)
    return au.mix(both, au.pink_noise(5.1, 303), 25, work)


def _doorbell_in_rain(work: Path) -> au.Signal:
    bell = au.doorbell(4.5, [0.4, 2.3])
    return au.mix(bell, au.rain_noise(4.6, 305), 8, work)


def _speech_in_traffic(work: Path) -> au.Signal:
    speech = au.espeak(
        "지금 바로 출발하면 늦지 않을 거예요. 서두르세요.", voice="ko+f3", speed=150, pitch=55, work=work
    )
    clip = au.concat(au.silence(0.4), speech, au.silence(0.5))
    return au.mix(clip, au.traffic_noise(len(clip) / au.SR + 0.1, 306), 8, work)


def _music_cafe(work: Path) -> au.Signal:
    return au.mix(au.music(5.0), au.pink_noise(5.1, 307), 20, work)


ITEMS = [
    SoundItem(
        f"{MODULE}-01",
        MODULE,
        "siren",
        1,
        "소리 분류 연습 1: 거리의 소리",
        "Sound classification practice 1: street sound",
        _siren_street,
    ),
    SoundItem(
        f"{MODULE}-02",
        MODULE,
        "dog_bark",
        1,
        "소리 분류 연습 2: 비 오는 마당",
        "Sound classification practice 2: a rainy yard",
        _dog_in_rain,
    ),
    SoundItem(
        f"{MODULE}-03",
        MODULE,
        "uncertain",
        2,
        "소리 분류 연습 3: 현관 앞",
        "Sound classification practice 3: at the front door",
        _dog_and_doorbell,
    ),
    SoundItem("x2-cls-tx-005", None, "doorbell", 2, "소리 분류 1", "Sound classification 1", _doorbell_in_rain),
    SoundItem("x2-cls-tx-006", None, "speech", 2, "소리 분류 2", "Sound classification 2", _speech_in_traffic),
    SoundItem("x2-cls-tx-007", None, "music", 1, "소리 분류 3", "Sound classification 3", _music_cafe),
]


def sound_item(spec: SoundItem) -> tuple[dict[str, Any], dict[str, Any]]:
    """item.yaml and gold.yaml content for an audio-classification item."""
    item = item_head(
        slug=spec.slug,
        module=spec.module,
        item_type="classification",
        difficulty=spec.difficulty,
        title=bi(spec.title_ko, spec.title_en),
        instructions=bi(INSTRUCTIONS_KO, INSTRUCTIONS_EN),
        topic="classification",
    )
    item["asset"] = Flow(file=ASSET, kind="audio")
    item["labels"] = audio_labels()
    item["params"] = {"multi_label": False}
    gold = {"pass_score": 80, "labels": [spec.gold]}
    return item, gold


def build(work: Path) -> list[tuple[SoundItem, Path]]:
    """Render every sound clip and write the item folders; return (spec, asset path)."""
    written = []
    for spec in ITEMS:
        folder = reset_dir(item_dir(spec.slug, spec.module))
        au.encode_vorbis(spec.make(work), folder / ASSET, work, quality=1)
        item, gold = sound_item(spec)
        write_item(folder, item, gold, GENERATOR)
        written.append((spec, folder / ASSET))
    return written


def check(written: list[tuple[SoundItem, Path]]) -> list[str]:
    """Clip sanity checks (duration, loudness, size) and gold ids against the scheme."""
    problems = []
    ids = {lab["id"] for lab in audio_labels()}
    for spec, path in written:
        stats = au.clip_stats(path)
        if spec.gold not in ids:
            problems.append(f"{spec.slug}: gold {spec.gold} not in the scheme")
        loud_enough = stats["rms_db"] > -35 or spec.gold == "silence"
        if not (3 <= stats["duration"] <= 8) or not loud_enough or stats["kbytes"] > 60:
            problems.append(f"{spec.slug}: odd clip {stats}")
    return problems
