"""Grading of choice and short-answer questions (pure; shared by knowledge checks and exams)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

_STRIP = re.compile(r"[\s\W_]+", re.UNICODE)


def normalise_short_answer(text: str) -> str:
    """NFKC, case-folded, whitespace and punctuation removed: '딥 러닝.' == '딥러닝'."""
    return _STRIP.sub("", unicodedata.normalize("NFKC", text).casefold())


def correct_choices(question: Mapping[str, Any]) -> set[str]:
    return {str(o["id"]) for o in question.get("options", []) if o.get("correct")}


def is_correct(question: Mapping[str, Any], response: Mapping[str, Any] | None) -> bool:
    """Whether a response answers the question: exact option set, or a normalised text match."""
    if not response:
        return False
    if question["type"] == "short_answer":
        text = response.get("text")
        if not isinstance(text, str) or not text.strip():
            return False
        given = normalise_short_answer(text)
        answers = question.get("answers") or {}
        accepted = {normalise_short_answer(a) for lang in ("ko", "en") for a in answers.get(lang, [])}
        return given in accepted
    choices = response.get("choices")
    if not isinstance(choices, Sequence) or isinstance(choices, str):
        return False
    chosen = [str(c) for c in choices]
    if len(set(chosen)) != len(chosen):
        return False
    if question["type"] in ("single", "true_false") and len(chosen) != 1:
        return False
    return set(chosen) == correct_choices(question)


def public_question(question: Mapping[str, Any], locale: str) -> dict[str, Any]:
    """What a learner may see before answering: prompt and options, never the key."""
    out: dict[str, Any] = {
        "id": question["id"],
        "type": question["type"],
        "prompt": question["prompt"][locale] if locale in question["prompt"] else question["prompt"]["ko"],
    }
    if question["type"] != "short_answer":
        out["options"] = [{"id": o["id"], "text": o["text"].get(locale) or o["text"]["ko"]}
                          for o in question.get("options", [])]
    return out
