"""Generate the text practice and exam items: sentiment (beginner), multi-label intent
(intermediate) with inspection practice, and text-collection prompts.

    .venv/bin/python -m tools.generators.texts

Pure Python (PyYAML); the output is committed.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from tools.generators.media_common import (
    ROOT,
    bi,
    intent_labels,
    item_dir,
    item_head,
    load_reasons,
    reset_dir,
    sentiment_labels,
    write_item,
)

GENERATOR = "tools/generators/texts.py"

TEXT_NOTE_KO = "영어 번역은 참고용입니다. **한국어 원문**을 기준으로 판단하세요."
TEXT_NOTE_EN = "The English translation is only a hint: judge the **Korean original**."

SENTIMENT_KO = f"""\
고객이 남긴 글 한 문장(또는 두 문장)을 읽고, 글쓴이의 **감정**을 하나 고르세요.

| 라벨 | 언제 |
|---|---|
| 긍정 | 만족, 기쁨, 고마움을 표현함 |
| 부정 | 불만, 실망, 화남을 표현함 |
| 중립 | 감정 없이 사실을 전하거나 묻거나 요청함 |
| 판단 불가 | 감정은 드러나지만 긍정인지 부정인지 글만으로 정할 수 없음 |

## 판단 규칙
1. **반어(비꼬기)는 속뜻으로** 라벨링합니다. "정말 빠르네요, 한 달 만에 왔어요"처럼 칭찬하는 말로 불만을
   나타내면 `부정`.
2. 사실 전달과 중립적인 질문·요청은 `중립`입니다. 묻는 내용이 문제 상황이어도 감정이 드러나지 않으면 `중립`.
3. 확신이 없으면 추측하지 말고 `판단 불가`를 고릅니다.

{TEXT_NOTE_KO}
"""

SENTIMENT_EN = f"""\
Read a customer's sentence (or two) and pick **one** label for the writer's **sentiment**.

| Label | When |
|---|---|
| Positive | expresses satisfaction, joy or thanks |
| Negative | expresses dissatisfaction, disappointment or anger |
| Neutral | states a fact, asks or requests without feeling |
| Cannot judge | a feeling shows, but the text alone cannot tell whether it is positive or negative |

## Rules
1. **Label sarcasm by what is meant.** Praise words that carry a complaint ("So fast — it arrived after a
   month") are `Negative`.
2. Facts and neutral questions or requests are `Neutral`, even when they ask about a problem, as long as no
   feeling is expressed.
3. If you are not sure, do not guess: pick `Cannot judge`.

{TEXT_NOTE_EN}
"""

INTENT_KO = f"""\
쇼핑몰 고객 상담 글을 읽고 글이 다루는 **주제·의도를 모두** 고르세요 (다중 라벨, 최소 1개).

| 라벨 | 이런 글이면 선택 |
|---|---|
| 배송 | 배송·택배·도착·배송 기사·배송 조회에 관한 내용 |
| 환불 | 환불·반품·결제 취소를 요청하거나 묻는 내용 |
| 결제 | 결제·카드·청구 금액·카드 명세서·영수증 등 돈이 나가는 일에 관한 내용 |
| 칭찬 | 만족·감사를 **진심으로** 표현함 |
| 불만 | 불만·실망·화남을 표현함 (반어 포함) |

## 판단 규칙
1. 해당하는 라벨을 **빠짐없이** 고릅니다. 하나만 고르고 멈추면 `누락`입니다.
2. 반어적인 칭찬("정말 빠르네요, 3주 만에 왔어요")은 `칭찬`이 아니라 `불만`입니다.
3. 감정 없이 묻거나 요청만 하는 글에는 `불만`을 붙이지 않습니다.

{TEXT_NOTE_KO}
"""

INTENT_EN = f"""\
Read a customer-service message to an online shop and pick **every** topic/intent it covers (multi-label, at least one).

| Label | Pick it when the message… |
|---|---|
| Delivery | is about shipping, parcels, arrival, the courier or tracking |
| Refund | asks for or about a refund, a return or cancelling a payment |
| Payment | is about paying, cards, charged amounts, card statements or receipts |
| Praise | **sincerely** expresses satisfaction or thanks |
| Complaint | expresses dissatisfaction, disappointment or anger (sarcasm included) |

## Rules
1. Pick **all** labels that apply. Stopping after one is a *missing label*.
2. Sarcastic praise ("So fast — it came in three weeks") is `Complaint`, not `Praise`.
3. A message that only asks or requests, without feeling, gets no `Complaint`.

{TEXT_NOTE_EN}
"""

INSPECT_KO = """\
당신은 **검수자**입니다. 작업자가 이 글에 붙인 라벨(`검수 대상`)을 아래 가이드라인과 비교하세요.
- 가이드라인에 어긋나지 않으면 **승인**합니다.
- 어긋나면 **반려**하고 해당하는 사유를 **모두** 고르세요: 잘못 붙은 라벨이 있으면 `잘못된 라벨`, 빠진 라벨이
  있으면 `누락된 라벨` (둘 다 해당하면 둘 다).

"""

INSPECT_EN = """\
You are the **inspector**. Compare the labels the worker gave this message (`under review`) with the guideline below.
- If they follow the guideline, **accept**.
- Otherwise **reject** and pick **every** reason that applies: a label that should not be there is
  `Wrong label`, a label that is missing is `Missing label` (both, if both happen).

"""


@dataclass(frozen=True)
class TextItem:
    """A Korean text to classify, its translation and its gold labels."""

    slug: str
    module: str | None
    ko: str
    en: str
    gold: tuple[str, ...]
    difficulty: int
    title_ko: str
    title_en: str
    multi_label: bool


def classification_item(spec: TextItem) -> tuple[dict[str, Any], dict[str, Any]]:
    """item.yaml and gold.yaml content for a text-classification item."""
    item = item_head(
        slug=spec.slug,
        module=spec.module,
        item_type="classification",
        difficulty=spec.difficulty,
        title=bi(spec.title_ko, spec.title_en),
        instructions=bi(INTENT_KO, INTENT_EN) if spec.multi_label else bi(SENTIMENT_KO, SENTIMENT_EN),
        topic="classification",
    )
    item["asset"] = {"kind": "text", "text": bi(spec.ko, spec.en)}
    item["labels"] = intent_labels() if spec.multi_label else sentiment_labels()
    item["params"] = {"multi_label": spec.multi_label}
    gold = {"pass_score": 80, "labels": list(spec.gold)}
    return item, gold


SENT = "text-classification"
INTENT = "text-classification-intermediate"

CLASSIFICATION = [
    TextItem(
        f"{SENT}-01",
        SENT,
        "배송도 빠르고 포장도 꼼꼼해서 정말 만족스러워요.",
        "Fast delivery and careful packaging — I'm really satisfied.",
        ("positive",),
        1,
        "감정 분류 연습 1: 상품 후기",
        "Sentiment practice 1: a product review",
        False,
    ),
    TextItem(
        f"{SENT}-02",
        SENT,
        "와, 정말 대단하네요. 주문한 지 한 달 만에 드디어 물건이 왔어요.",
        "Wow, truly impressive. The item finally arrived a month after I ordered it.",
        ("negative",),
        1,
        "감정 분류 연습 2: 배송 후기",
        "Sentiment practice 2: a delivery review",
        False,
    ),
    TextItem(
        f"{SENT}-03",
        SENT,
        "이 셔츠는 세탁기에 넣고 빨아도 되나요?",
        "Can this shirt go in the washing machine?",
        ("neutral",),
        1,
        "감정 분류 연습 3: 상품 문의",
        "Sentiment practice 3: a product question",
        False,
    ),
    TextItem(
        f"{INTENT}-01",
        INTENT,
        "결제는 완료됐다고 뜨는데 주문 내역에는 아무것도 없어요. 돈만 빠져나갔네요.",
        "It says the payment went through, but there is nothing in my order history. Only my money is gone.",
        ("payment", "complaint"),
        2,
        "의도 분류 연습 1: 결제 문의",
        "Intent practice 1: a payment message",
        True,
    ),
    TextItem(
        f"{INTENT}-02",
        INTENT,
        "기사님이 비 오는 날에도 문 앞까지 조심히 배송해 주셨어요. 정말 감사합니다!",
        "The courier carefully delivered right to my door even in the rain. Thank you so much!",
        ("delivery", "praise"),
        2,
        "의도 분류 연습 2: 배송 후기",
        "Intent practice 2: a delivery review",
        True,
    ),
    TextItem(
        f"{INTENT}-03",
        INTENT,
        "상자를 열어 보니 컵이 깨져 있었어요. 배송 중에 깨진 것 같은데 환불해 주세요. 너무 실망스럽네요.",
        "When I opened the box the cup was broken. It seems it broke in transit — please "
        "refund me. I'm very disappointed.",
        ("delivery", "refund", "complaint"),
        2,
        "의도 분류 연습 3: 파손 상품",
        "Intent practice 3: a damaged item",
        True,
    ),
    TextItem(
        "x2-cls-tx-001",
        None,
        "와… 진짜 말이 안 나오네요.",
        "Wow… I'm honestly speechless.",
        ("uncertain",),
        3,
        "감정 분류 1",
        "Sentiment classification 1",
        False,
    ),
    TextItem(
        "x2-cls-tx-002",
        None,
        "참 빠르기도 하네요. 문의 메일에 답장 받는 데 2주 걸렸습니다.",
        "How very quick. It took two weeks to get a reply to my enquiry email.",
        ("negative",),
        2,
        "감정 분류 2",
        "Sentiment classification 2",
        False,
    ),
    TextItem(
        "x2-cls-tx-003",
        None,
        "택배가 엉뚱한 주소로 가 버렸어요. 정말 화가 나네요.",
        "The parcel went to a completely wrong address. I'm really angry.",
        ("delivery", "complaint"),
        2,
        "의도 분류 1",
        "Intent classification 1",
        True,
    ),
    TextItem(
        "x2-cls-tx-004",
        None,
        "지난주에 환불받은 금액이 카드 명세서에 아직 안 보여요. 언제쯤 들어오나요?",
        "The amount refunded last week still doesn't show on my card statement. When will it come in?",
        ("refund", "payment"),
        3,
        "의도 분류 2",
        "Intent classification 2",
        True,
    ),
]


@dataclass(frozen=True)
class TextInspection:
    """A worker's multi-label answer under review and the inspector's correct verdict."""

    slug: str
    ko: str
    en: str
    review: tuple[str, ...]
    decision: str
    reasons: tuple[str, ...]
    title_ko: str
    title_en: str


INSPECTIONS = [
    TextInspection(
        f"{INTENT}-inspect-01",
        "카드로 두 번 결제됐어요. 한 건은 환불해 주세요.",
        "My card was charged twice. Please refund one of them.",
        review=("refund",),
        decision="reject",
        reasons=("missing_label",),
        title_ko="의도 분류 검수 연습 1: 중복 결제",
        title_en="Intent inspection practice 1: a double charge",
    ),
    TextInspection(
        f"{INTENT}-inspect-02",
        "배송 정말 빠르네요. 주문하고 3주 만에 받았습니다.",
        "Delivery is really fast. I got it three weeks after ordering.",
        review=("delivery", "praise"),
        decision="reject",
        reasons=("wrong_label", "missing_label"),
        title_ko="의도 분류 검수 연습 2: 배송 후기",
        title_en="Intent inspection practice 2: a delivery review",
    ),
]


def inspection_item(spec: TextInspection) -> tuple[dict[str, Any], dict[str, Any]]:
    """item.yaml and gold.yaml content for a multi-label classification inspection item."""
    item = item_head(
        slug=spec.slug,
        module=INTENT,
        item_type="inspection",
        difficulty=2,
        title=bi(spec.title_ko, spec.title_en),
        instructions=bi(INSPECT_KO + INTENT_KO, INSPECT_EN + INTENT_EN),
    )
    item["asset"] = {"kind": "text", "text": bi(spec.ko, spec.en)}
    item["labels"] = intent_labels()
    item["params"] = {
        "review": {"type": "classification", "labels": list(spec.review)},
        "reasons": load_reasons("classification"),
    }
    gold = {
        "pass_score": 80,
        "decision": spec.decision,
        "reasons": list(spec.reasons),
        "faulty_objects": [],
    }
    return item, gold


# ---------------------------------------------------------------- text collection

COLLECT = "text-collection"


@dataclass(frozen=True)
class Collection:
    """A sentence-writing prompt and the rules the scorer checks."""

    slug: str
    prompt_ko: str
    prompt_en: str
    required: str
    min_length: int
    max_length: int
    difficulty: int
    title_ko: str
    title_en: str
    count: int = 5


def has_final_consonant(word: str) -> bool:
    """Whether the last Hangul syllable has a 받침 (decides 이라는/라는, 이/가, 은/는)."""
    code = ord(word[-1]) - 0xAC00
    return 0 <= code < 11172 and code % 28 != 0


def collection_instructions(spec: Collection) -> dict[str, str]:
    word = spec.required
    batchim = has_final_consonant(word)
    quoted = f"'{word}'{'이라는' if batchim else '라는'}"
    with_particles = f"'{word}{'이' if batchim else '가'}', '{word}{'은' if batchim else '는'}'"
    ko = f"""\
**과제**: {spec.prompt_ko}

실제 사용자가 챗봇에 입력할 법한 문장을 **{spec.count}개** 쓰세요. 이 문장들은 챗봇 학습 데이터가 됩니다.

## 규칙
1. 문장마다 **{spec.min_length}–{spec.max_length}자** (공백 포함).
2. 문장마다 **{quoted}** 낱말을 넣습니다 ({with_particles}처럼 조사가 붙어도 됩니다).
3. **개인정보 금지**: 전화번호, 이메일 주소, 주민등록번호는 꾸며 낸 것이라도 쓰지 않습니다. 데이터 정제 단계에서
   제거되어야 하는 정보이기 때문입니다.
4. **다양하게**: 서로 비슷한 문장(유사도 85% 초과)은 중복으로 봅니다. 말투(존댓말·반말), 길이, 묻는 내용을 바꿔 보세요.
5. 맞춤법에 맞는 자연스러운 한국어로 씁니다.
"""
    en = f"""\
**Task**: {spec.prompt_en}

Write **{spec.count}** sentences a real user might type to the chatbot. They become training data for it.

## Rules
1. Each sentence is **{spec.min_length}–{spec.max_length} characters** long (spaces included).
2. Each sentence contains the word **'{word}'** (a particle may be attached, as in {with_particles}).
3. **No personal data**: no phone numbers, email addresses or resident registration numbers, not even made-up
   ones — the cleaning stage must remove such data.
4. **Vary them**: sentences that are too alike (over 85 % similar) count as duplicates. Change the tone
   (polite/casual), the length and what is asked.
5. Write natural Korean with correct spelling.
"""
    return bi(ko, en)


COLLECTIONS = [
    Collection(
        f"{COLLECT}-01",
        "주문한 물건이 늦게 오고 있는 고객이 배송 상담 챗봇에게 할 만한 말을 쓰세요.",
        "Write what a customer whose order is running late might say to a delivery chatbot.",
        required="배송",
        min_length=10,
        max_length=60,
        difficulty=1,
        title_ko="문장 수집 연습 1: 배송 지연 문의",
        title_en="Text collection practice 1: a late order",
    ),
    Collection(
        f"{COLLECT}-02",
        "산 옷이 몸에 맞지 않아 돌려보내려는 고객이 환불 상담 챗봇에게 할 만한 말을 쓰세요.",
        "Write what a customer returning clothes that do not fit might say to a refund chatbot.",
        required="환불",
        min_length=10,
        max_length=60,
        difficulty=1,
        title_ko="문장 수집 연습 2: 환불 요청",
        title_en="Text collection practice 2: a refund request",
    ),
    Collection(
        f"{COLLECT}-03",
        "식당 예약 날짜나 인원을 바꾸고 싶은 손님이 예약 챗봇에게 할 만한 말을 쓰세요.",
        "Write what a guest who wants to change the date or party size of a restaurant booking "
        "might say to a booking chatbot.",
        required="예약",
        min_length=12,
        max_length=50,
        difficulty=2,
        title_ko="문장 수집 연습 3: 예약 변경",
        title_en="Text collection practice 3: changing a booking",
    ),
]


def collection_item(spec: Collection) -> tuple[dict[str, Any], dict[str, Any]]:
    """item.yaml and gold.yaml content for a text-collection item."""
    item = item_head(
        slug=spec.slug,
        module=COLLECT,
        item_type="text_collection",
        difficulty=spec.difficulty,
        title=bi(spec.title_ko, spec.title_en),
        instructions=collection_instructions(spec),
    )
    item["params"] = {"count": spec.count, "prompt": bi(spec.prompt_ko, spec.prompt_en)}
    gold = {
        "pass_score": 80,
        "min_length": spec.min_length,
        "max_length": spec.max_length,
        "required_words": [spec.required],
        "banned": ["phone", "email", "rrn"],
        "max_similarity": 85,
    }
    return item, gold


# ---------------------------------------------------------------- build and check


def check() -> list[str]:
    """Gold ids belong to the schemes, single-label items have one label, slugs are unique."""
    problems = []
    sentiment = {lab["id"] for lab in sentiment_labels()}
    intent = {lab["id"] for lab in intent_labels()}
    classification_ids = {r["id"] for r in load_reasons("classification")}
    for spec in CLASSIFICATION:
        scheme = intent if spec.multi_label else sentiment
        if not set(spec.gold) <= scheme or not spec.gold:
            problems.append(f"{spec.slug}: gold {spec.gold} outside the scheme")
        if not spec.multi_label and len(spec.gold) != 1:
            problems.append(f"{spec.slug}: single-label item with {len(spec.gold)} labels")
    for ins in INSPECTIONS:
        if not set(ins.review) <= intent or not set(ins.reasons) <= classification_ids:
            problems.append(f"{ins.slug}: unknown label or reason")
        if (ins.decision == "accept") != (not ins.reasons):
            problems.append(f"{ins.slug}: decision and reasons disagree")
    for col in COLLECTIONS:
        if len(col.prompt_ko) > col.max_length * 3 or col.min_length >= col.max_length:
            problems.append(f"{col.slug}: odd length rule")
    slugs = [s.slug for s in CLASSIFICATION] + [s.slug for s in INSPECTIONS]
    slugs += [s.slug for s in COLLECTIONS]
    if len(slugs) != len(set(slugs)):
        problems.append("duplicate slugs")
    return problems


def main() -> int:
    """Write every text item, print one line each, return 1 if a check fails."""
    problems = check()
    jobs: list[tuple[str, str | None, tuple[dict[str, Any], dict[str, Any]]]] = []
    jobs += [(s.slug, s.module, classification_item(s)) for s in CLASSIFICATION]
    jobs += [(s.slug, INTENT, inspection_item(s)) for s in INSPECTIONS]
    jobs += [(s.slug, COLLECT, collection_item(s)) for s in COLLECTIONS]
    for slug, module, (item, gold) in jobs:
        folder = reset_dir(item_dir(slug, module))
        write_item(folder, item, gold, GENERATOR)
        shown = {k: v for k, v in gold.items() if k != "pass_score"}
        print(f"{slug:42} {shown}")
    for problem in problems:
        print("PROBLEM", problem, file=sys.stderr)
    print(f"{'ok' if not problems else 'FAILED'}; output under {ROOT / 'content'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
