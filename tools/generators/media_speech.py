"""Korean speech-transcription items (practice, inspection practice, exam pool).

Each utterance is written once in a small markup from which both the text espeak-ng speaks and
the gold reference are derived, so the two cannot drift apart:

* `{70%|칠십 퍼센트}`  a number: spoken as the right side, gold `(70%)/(칠십 퍼센트)`
* `음/` `어/` `아/`   a filler: spoken with a short pause around it, gold keeps the slash
* `.` `,` `?`         shape the speech (pauses, intonation) and are dropped from the gold
* `[n]`              a short noise burst (horn/knock) in a pause: gold `n/` at that spot
* `noise=...`        a continuous background noise: gold starts with `n/`
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tools.generators import media_audio as au
from tools.generators.media_common import (
    Flow,
    bi,
    item_dir,
    item_head,
    load_reasons,
    reset_dir,
    write_item,
)

GENERATOR = "tools/generators/media.py"
ASSET = "audio.ogg"
FILLERS = ("음", "어", "아")

_NUMBER = re.compile(r"\{([^|}]*)\|([^}]*)\}")
_DUAL = re.compile(r"\(([^()]*)\)/\(([^()]*)\)")
_FILLER = re.compile(r"(?<!\S)(음|어|아)/")


@dataclass(frozen=True)
class Utterance:
    """One transcription clip: what is said, how it is voiced, what noise it carries."""

    slug: str
    markup: str
    voice: str = "ko"
    speed: int = 155
    pitch: int = 50
    noise: str | None = None  # continuous background: pink | traffic | rain
    snr_db: float = 12.0
    burst: str = "horn"  # what `[n]` sounds like: horn | knock
    seed: int = 1
    difficulty: int = 1
    max_cer: float = 0.10
    title_ko: str = ""
    title_en: str = ""

    def gold_text(self) -> str:
        """The reference transcript in the module's convention."""
        text = re.sub(r"[.,?!]", "", self.markup)  # punctuation only shapes the speech
        text = _NUMBER.sub(r"(\1)/(\2)", text).replace("[n]", "n/")
        if self.noise:
            text = "n/ " + text
        return " ".join(text.split())

    def spoken_segments(self) -> list[str]:
        """The exact strings handed to espeak-ng, one per stretch between noise bursts."""
        segments = []
        for part in self.markup.split("[n]"):
            part = _NUMBER.sub(r"\2", part)
            part = re.sub(r"(\S)\s+(음|어|아)/", r"\1, \2/", part)  # pause before a filler
            part = _FILLER.sub(r"\1,", part)  # and after it
            segments.append(" ".join(part.split()))
        return segments


def spoken_from_gold(gold: str) -> str:
    """Undo the convention (independently of the markup): what a listener actually hears."""
    text = _DUAL.sub(r"\2", gold)
    text = re.sub(r"(?<!\S)n/(?!\S)", " ", text)
    text = _FILLER.sub(r"\1", text)
    return " ".join(text.split())


def render(utt: Utterance, work: Path) -> au.Signal:
    """Synthesise the clip: speech segments, bursts in the gaps, optional background noise."""
    parts: list[au.Signal] = [au.silence(0.45)]
    speech_level = None
    voiced = [
        au.espeak(seg, voice=utt.voice, speed=utt.speed, pitch=utt.pitch, work=work) for seg in utt.spoken_segments()
    ]
    speech_level = au.active_rms(au.concat(*voiced))
    for i, seg in enumerate(voiced):
        if i:
            burst = au.horn_burst() if utt.burst == "horn" else au.knock_burst()
            parts += [au.silence(0.3), burst * speech_level * 0.9, au.silence(0.3)]
        parts.append(seg)
    parts.append(au.silence(0.6))
    fg = au.concat(*parts)
    bg = None
    seconds = len(fg) / au.SR + 0.1
    if utt.noise == "pink":
        bg = au.pink_noise(seconds, utt.seed)
    elif utt.noise == "traffic":
        bg = au.traffic_noise(seconds, utt.seed)
    elif utt.noise == "rain":
        bg = au.rain_noise(seconds, utt.seed)
    return au.mix(fg, bg, utt.snr_db, work)


# ---------------------------------------------------------------- instructions

GUIDE_KO = """\
음성을 끝까지 듣고 **들리는 말을 그대로** 한글로 적으세요. 들리지 않는 말을 추측해 넣거나 문장을 다듬지 않습니다.

## 전사 규칙
1. **맞춤법·띄어쓰기**: 표준 맞춤법대로 적습니다. 소리 나는 대로 적지 않습니다 (들리는 소리가 [함니다]여도 `합니다`).
2. **문장부호 없음**: 마침표, 쉼표, 물음표, 느낌표는 쓰지 않습니다.
3. **숫자는 이중 전사**: 숫자가 들어간 말은 `(철자 전사)/(발음 전사)`로 적습니다.
   - 철자 쪽: 아라비아 숫자에 단위·기호를 붙여 씁니다 — `70%`, `3시`, `15분`.
   - 발음 쪽: 들린 그대로 한글로 적고 수와 단위는 띄어 씁니다 — `칠십 퍼센트`, `세 시`, `십오 분`.
   - 숫자+단위 묶음마다 괄호 한 쌍을 쓰고, 뒤에 오는 조사는 괄호 바로 뒤에 붙입니다: `(3시)/(세 시)에`.
4. **간투사**: 뜻 없이 끼어든 `음`, `어`, `아`는 바로 뒤에 `/`를 붙입니다: `음/`.
5. **잡음 태그 `n/`**: 처음부터 끝까지 깔린 배경 잡음(빗소리, 차 소리 등)은 전사 **맨 앞에 한 번** `n/`을
   씁니다. 말 사이에 짧게 끼어든 잡음(경적, 노크 등)은 **그 위치에** `n/`을 씁니다. 이 과정에서는 `n/` 외의
   태그를 쓰지 않습니다.
6. 태그와 괄호 묶음은 앞뒤 낱말과 한 칸 띄웁니다 (뒤에 붙는 조사만 예외).

예: `n/ 음/ 할인은 (70%)/(칠십 퍼센트)까지 됩니다`
"""

GUIDE_EN = """\
Listen to the whole clip and write **exactly what is said** in Hangul. Do not guess words you cannot hear and do
not tidy up the sentence.

## Transcription rules
1. **Spelling and spacing**: standard Korean spelling and spacing, not spelled as pronounced (write `합니다`
   even if you hear [함니다]).
2. **No punctuation**: no full stops, commas, question or exclamation marks.
3. **Numbers are transcribed twice**: `(spelling form)/(spoken form)`.
   - Spelling form: Arabic digits with the unit or symbol attached — `70%`, `3시`, `15분`.
   - Spoken form: in Hangul exactly as read, a space between number and unit — `칠십 퍼센트`, `세 시`, `십오 분`.
   - One pair of brackets per number-plus-unit; a particle that follows goes right after the bracket: `(3시)/(세 시)에`.
4. **Fillers**: a meaningless `음`, `어` or `아` gets a slash right after it: `음/`.
5. **Noise tag `n/`**: background noise that runs through the whole clip (rain, traffic, …) is written **once,
   at the very start**: `n/`. A short noise between words (a horn, a knock, …) is written **where it happens**.
   No other tags are used in this module.
6. Tags and bracket pairs are separated from neighbouring words by one space (except a particle attached after
   the bracket).

Example: `n/ 음/ 할인은 (70%)/(칠십 퍼센트)까지 됩니다`
"""

INSPECT_KO = """\
당신은 **검수자**입니다. 음성을 듣고, 작업자가 제출한 전사(`검수 대상`)가 아래 전사 규칙을 모두 지켰는지 확인하세요.
- 규칙 위반이 없으면 **승인**합니다.
- 위반이 있으면 **반려**하고, 해당하는 사유를 **모두** 고르세요.

"""

INSPECT_EN = """\
You are the **inspector**. Listen to the clip and check whether the worker's transcript (`under review`) follows
every rule below.
- If no rule is broken, **accept** it.
- If any rule is broken, **reject** it and pick **every** reason that applies.

"""


def transcription_item(utt: Utterance, module: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """item.yaml and gold.yaml content for a transcription item."""
    item = item_head(
        slug=utt.slug,
        module=module,
        item_type="transcription",
        difficulty=utt.difficulty,
        title=bi(utt.title_ko, utt.title_en),
        instructions=bi(GUIDE_KO, GUIDE_EN),
        topic="transcription",
    )
    item["asset"] = Flow(file=ASSET, kind="audio")
    item["params"] = {"language": "ko"}
    gold = {"pass_score": 80, "text": utt.gold_text(), "max_cer": utt.max_cer}
    return item, gold


@dataclass(frozen=True)
class Inspection:
    """A transcription under review, with the inspector's correct verdict."""

    utt: Utterance
    review_text: str
    decision: str
    reasons: tuple[str, ...]


def inspection_item(spec: Inspection, module: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """item.yaml and gold.yaml content for a transcription inspection item."""
    item = item_head(
        slug=spec.utt.slug,
        module=module,
        item_type="inspection",
        difficulty=spec.utt.difficulty,
        title=bi(spec.utt.title_ko, spec.utt.title_en),
        instructions=bi(INSPECT_KO + GUIDE_KO, INSPECT_EN + GUIDE_EN),
    )
    item["asset"] = Flow(file=ASSET, kind="audio")
    item["params"] = {
        "review": {"type": "transcription", "text": spec.review_text},
        "reasons": load_reasons("transcription"),
    }
    gold = {
        "pass_score": 80,
        "decision": spec.decision,
        "reasons": list(spec.reasons),
        "faulty_objects": [],
    }
    return item, gold


# ---------------------------------------------------------------- the items

MODULE = "speech-transcription-intro"

PRACTICE = [
    Utterance(
        slug=f"{MODULE}-01",
        markup="오늘 오후부터 비가 온다고 하니 우산을 챙기세요",
        voice="ko",
        speed=145,
        pitch=50,
        seed=101,
        difficulty=1,
        max_cer=0.10,
        title_ko="전사 연습 1: 조용한 환경의 짧은 안내",
        title_en="Transcription practice 1: a short notice in a quiet room",
    ),
    Utterance(
        slug=f"{MODULE}-02",
        markup="이번 주말까지 모든 상품을 {70%|칠십 퍼센트} 할인하고 매장은 {10시|열 시}에 문을 엽니다",
        voice="ko+f2",
        speed=145,
        pitch=55,
        seed=102,
        difficulty=1,
        max_cer=0.12,
        title_ko="전사 연습 2: 숫자가 들어간 안내 방송",
        title_en="Transcription practice 2: an announcement with numbers",
    ),
    Utterance(
        slug=f"{MODULE}-03",
        markup="음/ 택배는 경비실에 맡기고 왔습니다",
        voice="ko+m3",
        speed=150,
        pitch=45,
        noise="rain",
        snr_db=12,
        seed=103,
        difficulty=2,
        max_cer=0.15,
        title_ko="전사 연습 3: 빗소리 속 통화",
        title_en="Transcription practice 3: a call with rain in the background",
    ),
]

INSPECTIONS = [
    Inspection(
        utt=Utterance(
            slug=f"{MODULE}-inspect-01",
            markup="주문하신 상품은 모두 {3개|세 개}입니다",
            voice="ko+f4",
            speed=150,
            pitch=55,
            noise="traffic",
            snr_db=13,
            seed=111,
            difficulty=2,
            max_cer=0.15,
            title_ko="전사 검수 연습 1: 거리에서 받은 안내",
            title_en="Transcription inspection practice 1: a message taken on the street",
        ),
        review_text="주문하신 상품은 모두 세 개입니다",
        decision="reject",
        reasons=("missing_tag", "wrong_number_format"),
    ),
    Inspection(
        utt=Utterance(
            slug=f"{MODULE}-inspect-02",
            markup="어/ 이번 역은 {2호선|이 호선} 환승역입니다",
            voice="ko+m5",
            speed=145,
            pitch=50,
            seed=112,
            difficulty=2,
            max_cer=0.12,
            title_ko="전사 검수 연습 2: 지하철 안내",
            title_en="Transcription inspection practice 2: a metro announcement",
        ),
        review_text="어/ 이번 역은 (2호선)/(이 호선) 환승역입니다",
        decision="accept",
        reasons=(),
    ),
]


def _exam(n: int, markup: str, difficulty: int, max_cer: float, **voice: Any) -> Utterance:
    return Utterance(
        slug=f"x2-tr-{n:03d}",
        markup=markup,
        difficulty=difficulty,
        max_cer=max_cer,
        seed=200 + n,
        title_ko=f"음성 전사 {n}",
        title_en=f"Speech transcription {n}",
        **voice,
    )


EXAM = [
    _exam(1, "내일 아침에 첫 기차를 타고 부산에 갑니다", 1, 0.10, voice="ko+m3", speed=150, pitch=45),
    _exam(2, "도서관은 매주 월요일에 문을 닫습니다", 1, 0.10, voice="ko+f3", speed=170, pitch=60),
    _exam(3, "{3시|세 시}에 회의실에서 만나요. 회의 자료는 제가 준비할게요", 2, 0.12, voice="ko", speed=155, pitch=50),
    _exam(4, "주문하신 물건 {2개|두 개} 중 하나가 빠졌어요", 2, 0.12, voice="ko+f4", speed=160, pitch=55),
    _exam(5, "{12월|십이 월} {24일|이십사 일}까지 신청서를 제출하세요", 2, 0.12, voice="ko+m5", speed=150, pitch=50),
    _exam(6, "음/ 이 제품은 지금 재고가 없습니다", 2, 0.12, voice="ko+f2", speed=160, pitch=55),
    _exam(7, "저는 어/ 다음 주에 휴가를 갑니다", 2, 0.12, voice="ko+m3", speed=140, pitch=40),
    _exam(
        8, "창문을 열면 바람이 시원하게 들어옵니다", 2, 0.15, voice="ko", speed=160, pitch=50, noise="pink", snr_db=12
    ),
    _exam(9, "택배는 문 앞에 [n] 놓고 가시면 됩니다", 2, 0.15, voice="ko+f3", speed=150, pitch=60, burst="horn"),
    _exam(
        10,
        "할인은 {50%|오십 퍼센트}까지 가능합니다",
        3,
        0.15,
        voice="ko+m2",
        speed=165,
        pitch=50,
        noise="rain",
        snr_db=10,
    ),
    _exam(11, "엘리베이터는 {10층|십 층}에서 멈춥니다", 2, 0.12, voice="ko+m1", speed=120, pitch=25),
    _exam(12, "아/ 버스가 {15분|십오 분} 늦게 도착했어요", 2, 0.12, voice="ko+f5", speed=160, pitch=60),
    _exam(
        13,
        "오늘 저녁은 김치찌개를 먹을 거예요",
        3,
        0.15,
        voice="ko+f2",
        speed=195,
        pitch=65,
        noise="traffic",
        snr_db=14,
    ),
    _exam(14, "어/ 잠시만요 [n] 누가 문을 두드리네요", 3, 0.15, voice="ko+m5", speed=150, pitch=45, burst="knock"),
    _exam(15, "{4시|네 시} {30분|삼십 분}에 출발하는 버스를 타세요", 2, 0.12, voice="ko+f4", speed=150, pitch=50),
]


def all_utterances() -> list[Utterance]:
    return [*PRACTICE, *(i.utt for i in INSPECTIONS), *EXAM]


def build(work: Path) -> list[tuple[Utterance, Path]]:
    """Render every transcription clip and write the item folders; return (spec, asset path)."""
    written: list[tuple[Utterance, Path]] = []
    jobs: list[tuple[Utterance, Path, tuple[dict[str, Any], dict[str, Any]]]] = []
    for utt in PRACTICE:
        jobs.append((utt, item_dir(utt.slug, MODULE), transcription_item(utt, MODULE)))
    for spec in INSPECTIONS:
        jobs.append((spec.utt, item_dir(spec.utt.slug, MODULE), inspection_item(spec, MODULE)))
    for utt in EXAM:
        jobs.append((utt, item_dir(utt.slug, None), transcription_item(utt, None)))
    for utt, folder, (item, gold) in jobs:
        reset_dir(folder)
        au.encode_vorbis(render(utt, work), folder / ASSET, work, quality=0)
        write_item(folder, item, gold, GENERATOR)
        written.append((utt, folder / ASSET))
    return written


def check(written: list[tuple[Utterance, Path]]) -> list[str]:
    """Gold ↔ synthesised text and clip sanity checks; returns problems (empty when fine)."""
    problems = []
    for utt, path in written:
        stored = yaml.safe_load((path.parent / "gold.yaml").read_text(encoding="utf-8"))
        gold = stored.get("text", utt.gold_text())  # inspection gold has no text: use the spec
        if gold != utt.gold_text():
            problems.append(f"{utt.slug}: gold.yaml text differs from the spec")
        said = re.sub(r"[.,?!]", "", " ".join(utt.spoken_segments()))
        said = " ".join(said.split())
        heard = spoken_from_gold(gold)
        if heard != said:
            problems.append(f"{utt.slug}: gold {gold!r} projects to {heard!r}, spoke {said!r}")
        if au.phonemes(heard, utt.voice) != au.phonemes(" ".join(utt.spoken_segments()), utt.voice):
            problems.append(f"{utt.slug}: phonemes differ between gold projection and speech")
        if re.search(r"[A-Za-z0-9%]", said):
            problems.append(f"{utt.slug}: spoken text has Latin/digits, espeak would switch voice")
        if "(en)" in au.run(["espeak-ng", "-v", "ko", "-q", "-x", said]):
            problems.append(f"{utt.slug}: espeak switched language")
        if utt.noise and not gold.startswith("n/ "):
            problems.append(f"{utt.slug}: noisy clip without leading n/")
        for spec in INSPECTIONS:
            if spec.utt is utt and (spec.review_text == gold) != (spec.decision == "accept"):
                problems.append(f"{utt.slug}: review text vs gold disagrees with {spec.decision}")
        stats = au.clip_stats(path)
        if not (1.5 <= stats["duration"] <= 12) or stats["rms_db"] < -30 or stats["kbytes"] > 60:
            problems.append(f"{utt.slug}: odd clip {stats}")
    return problems
