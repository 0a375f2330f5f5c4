"""Practice item files (public item.yaml + secret gold.yaml) and submission bodies."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from app.content.schemas import Slug, Text

TaskType = Literal[
    "classification",
    "text_collection",
    "bbox",
    "polygon",
    "ocr",
    "transcription",
    "landmarks",
    "keypoints",
    "inspection",
]
TASK_TYPES: tuple[str, ...] = TaskType.__args__  # type: ignore[attr-defined]
Finite = Annotated[float, Field(allow_inf_nan=False, ge=-1e6, le=1e6)]
ShortId = Annotated[str, StringConstraints(min_length=1, max_length=60)]

MAX_OBJECTS = 200
MAX_BODY_BYTES = 256 * 1024


class AssetSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["image", "audio", "video", "text"]
    file: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]{1,80}$")
    width: int | None = Field(default=None, ge=1, le=10000)
    height: int | None = Field(default=None, ge=1, le=10000)
    text: Text | None = None
    licence: str | None = None


class LabelSpec(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: ShortId
    ko: str
    en: str


class ItemFile(BaseModel):
    """item.yaml: everything here may be shown to the trainee."""

    model_config = ConfigDict(extra="forbid")

    slug: Slug
    module: Slug | None = None
    pool: Slug | None = None
    topic: Slug | None = None
    type: TaskType
    difficulty: Literal[1, 2, 3] = 1
    title: Text
    instructions: Text
    asset: AssetSpec | None = None
    labels: list[LabelSpec] = Field(default_factory=list)
    params: dict[str, Any] = Field(default_factory=dict)


# ---- submissions -----------------------------------------------------------------------


class BoxObject(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: ShortId
    bbox: list[Finite] = Field(min_length=4, max_length=4)
    occluded: bool = False
    truncated: bool = False


class PolygonObject(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: ShortId
    polygon: list[Finite] = Field(min_length=6, max_length=400)

    @field_validator("polygon")
    @classmethod
    def even(cls, value: list[float]) -> list[float]:
        if len(value) % 2:
            raise ValueError("a polygon is a flat list of x, y pairs (even length)")
        return value


class OcrLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    bbox: list[Finite] = Field(min_length=4, max_length=4)
    text: str = Field(max_length=500)


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")

    keypoints: list[Finite] = Field(min_length=3, max_length=3 * 133)


class SubmissionIn(BaseModel):
    """A practice submission; which fields apply depends on the item's type (see the docs)."""

    model_config = ConfigDict(extra="forbid")

    labels: list[ShortId] | None = Field(default=None, max_length=50)
    sentences: list[Annotated[str, StringConstraints(max_length=1000)]] | None = Field(default=None, max_length=50)
    objects: list[BoxObject | PolygonObject] | None = Field(default=None, max_length=MAX_OBJECTS)
    lines: list[OcrLine] | None = Field(default=None, max_length=MAX_OBJECTS)
    text: str | None = Field(default=None, max_length=5000)
    points: list[Annotated[list[Finite], Field(min_length=2, max_length=2)]] | None = Field(
        default=None, max_length=200
    )
    people: list[Person] | None = Field(default=None, max_length=50)
    decision: Literal["accept", "reject"] | None = None
    reasons: list[ShortId] | None = Field(default=None, max_length=20)
    faulty_objects: list[Annotated[int, Field(ge=0, le=MAX_OBJECTS)]] | None = Field(
        default=None, max_length=MAX_OBJECTS
    )


class DraftIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: dict[str, Any]

