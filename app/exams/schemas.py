"""Exam blueprint files and the exam API bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from app.content.schemas import Slug, Text


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Draw(Strict):
    topic: Slug
    count: int = Field(ge=1, le=100)


class Section(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[A-Z]$")]
    title: Text
    source: Literal["bank", "items"]
    bank: Slug | None = None
    pool: Slug | None = None
    draw: list[Draw] = Field(min_length=1)

    @model_validator(mode="after")
    def has_source(self) -> Section:
        if self.source == "bank" and not self.bank:
            raise ValueError("a bank section names its bank")
        if self.source == "items" and not self.pool:
            raise ValueError("an items section names its pool")
        return self


class Requires(Strict):
    courses: list[Slug] = Field(default_factory=list)
    certificate_level: int | None = Field(default=None, ge=1, le=2)


class PassRule(Strict):
    total_min_percent: float = Field(default=60, ge=0, le=100)
    section_min_percent: float = Field(default=40, ge=0, le=100)


class AttemptPolicy(Strict):
    max_attempts: int = Field(default=3, ge=1, le=100)
    window_days: int = Field(default=30, ge=1, le=3650)
    cooldown_hours: float = Field(default=24, ge=0, le=24 * 365)


class BlueprintFile(Strict):
    slug: Slug
    level: Literal[1, 2]
    title: Text
    description: Text
    duration_minutes: int = Field(ge=1, le=600)
    requires: Requires = Field(default_factory=Requires)
    pass_: PassRule = Field(default_factory=PassRule, alias="pass")
    attempt_policy: AttemptPolicy = Field(default_factory=AttemptPolicy)
    valid_years: int = Field(default=2, ge=1, le=10)
    sections: list[Section] = Field(min_length=1)


class AnswerIn(BaseModel):
    """Save one answer; `seq` is the client's sequence number (a lower one never overwrites)."""

    model_config = ConfigDict(extra="forbid")

    seq: int = Field(ge=0, le=2**31 - 1)  # answers.seq is an INTEGER column
    response: dict[str, Any]


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["blur", "focus", "hidden", "visible", "paste", "copy", "fullscreen_exit", "reconnect"]
    detail: str = Field(default="", max_length=200)


class AccommodationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=254)
    exam: Slug
    extra_minutes: int = Field(ge=0, le=600)
    reason: str = Field(default="", max_length=200)
