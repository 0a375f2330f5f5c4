"""Request and response bodies of the courses API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Lang = Literal["ko", "en"]
QuestionId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]{1,40}$")]


class QuizResponse(BaseModel):
    """One answer: option ids for choice questions, text for short answers."""

    model_config = ConfigDict(extra="forbid")

    choices: list[Annotated[str, StringConstraints(max_length=40)]] | None = Field(default=None, max_length=10)
    text: str | None = Field(default=None, max_length=500)


class QuizSubmission(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[QuestionId, QuizResponse] = Field(max_length=100)


class ReadingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    percent: int = Field(ge=0, le=100)


class QuestionResult(BaseModel):
    id: str
    correct: bool
    explanation: str


class QuizResult(BaseModel):
    module: str
    score_percent: int
    passed: bool
    pass_percent: int
    best_percent: int
    attempts: int
    results: list[QuestionResult]
    module_completed: bool


class ModuleProgressOut(BaseModel):
    slug: str
    title: str
    lesson_read: bool
    reading_percent: int
    quiz_best_percent: int | None
    quiz_passed: bool
    practice_total: int
    practice_passed: int
    completed: bool
    completed_at: datetime | None
    percent: int


class CourseProgressOut(BaseModel):
    slug: str
    title: str
    unlocked: bool
    missing_prerequisites: list[str]
    percent: int
    modules_completed: int
    modules_total: int
    completed_at: datetime | None
    modules: list[ModuleProgressOut]
    next_module: str | None


class CourseOut(BaseModel):
    slug: str
    title: str
    summary: str
    prerequisites: list[str]
    estimated_minutes: int
    modules: list[dict[str, Any]]


class ModuleOut(BaseModel):
    slug: str
    course: str
    position: int
    title: str
    objectives: list[str]
    estimated_minutes: int
    lesson_html: str
    toc: list[dict[str, Any]]
    quiz_pass_percent: int
    questions: list[dict[str, Any]]
    practice: list[str]
    previous: str | None
    next: str | None
