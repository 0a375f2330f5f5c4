"""Schemas of the authored content files (pydantic): courses, modules, questions."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Text(Strict):
    """A bilingual string: Korean first, English second; both required."""

    ko: NonEmpty
    en: NonEmpty


class TextList(Strict):
    ko: list[NonEmpty] = Field(min_length=1)
    en: list[NonEmpty] = Field(min_length=1)

    @model_validator(mode="after")
    def same_length(self) -> TextList:
        if len(self.ko) != len(self.en):
            raise ValueError(f"ko has {len(self.ko)} entries but en has {len(self.en)}")
        return self


class Answers(Strict):
    """Accepted short answers per language (each language may list its own variants)."""

    ko: list[NonEmpty] = Field(min_length=1)
    en: list[NonEmpty] = Field(min_length=1)


class Option(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,20}$")]
    text: Text
    correct: bool = False


class Question(Strict):
    """One question of a knowledge check or an exam bank."""

    id: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,40}$")]
    type: Literal["single", "multiple", "true_false", "short_answer"]
    topic: Slug | None = None
    difficulty: Literal[1, 2, 3] | None = None
    prompt: Text
    options: list[Option] = Field(default_factory=list, max_length=8)
    answers: Answers | None = None
    explanation: Text

    @model_validator(mode="after")
    def answer_key_is_complete(self) -> Question:
        correct = [o for o in self.options if o.correct]
        ids = [o.id for o in self.options]
        if len(set(ids)) != len(ids):
            raise ValueError("option ids must be unique")
        if self.type == "short_answer":
            if self.options:
                raise ValueError("a short_answer question has no options")
            if self.answers is None:
                raise ValueError("a short_answer question needs answers in ko and en")
            return self
        if self.answers is not None:
            raise ValueError("only short_answer questions have answers")
        if self.type == "true_false" and sorted(ids) != ["false", "true"]:
            raise ValueError('a true_false question has exactly the options "true" and "false"')
        if self.type in ("single", "multiple") and not 2 <= len(self.options) <= 8:
            raise ValueError("a choice question has 2 to 8 options")
        if not correct:
            raise ValueError("question has no correct option")
        if self.type in ("single", "true_false") and len(correct) != 1:
            raise ValueError(f"a {self.type} question has exactly one correct option")
        return self


class Quiz(Strict):
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def unique_ids(self) -> Quiz:
        ids = [q.id for q in self.questions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate question id(s): {', '.join(dupes)}")
        return self


class CourseFile(Strict):
    slug: Slug
    order: int = Field(ge=0, le=1000)
    title: Text
    summary: Text
    prerequisites: list[Slug] = Field(default_factory=list)


class PassRule(Strict):
    quiz_min_percent: int = Field(default=80, ge=0, le=100)


class ModuleFile(Strict):
    slug: Slug
    order: int = Field(ge=1, le=100)
    title: Text
    objectives: TextList
    estimated_minutes: int = Field(ge=5, le=600)
    pass_rule: PassRule = Field(default_factory=PassRule)
    practice: list[Slug] = Field(default_factory=list)


FIGURE_REF = re.compile(r"!\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
