"""`aide content validate` and `aide content load`: every domain's content in one pass."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.content.files import Problem
from app.courses import content as course_content
from app.courses.models import ContentVersion


class ContentInvalid(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} content problem(s); run `aide content validate`")
        self.problems = problems


@dataclass
class LoadReport:
    content_hash: str
    counts: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        parts = [course_content.summary_of(self.counts["courses"])]
        for key in ("practice", "exams", "projects"):
            if key in self.counts:
                parts.append(str(self.counts[key].get("summary", "")))
        return "loaded content " + self.content_hash[:12] + ": " + "; ".join(parts) + \
            f" in {self.seconds:.2f} s"


def practice_slugs(root: Path) -> set[str] | None:
    """Slugs of every practice item in the files (None when there is no practice folder)."""
    base = root / "practice"
    if not base.is_dir():
        return None
    return {p.parent.name for p in base.glob("*/*/item.yaml")}


def tree_hash(root: Path) -> str:
    """A hash of every file under content/ (the content version)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _sections() -> list[Any]:
    """Content sections of other domains (practice items, exams) that provide a loader."""
    import importlib

    sections = []
    for name in ("app.practice.content", "app.exams.content", "app.certificates.content"):
        try:
            sections.append(importlib.import_module(name))
        except ModuleNotFoundError:
            continue
    return sections


def validate(root: Path) -> list[Problem]:
    """Every problem in the content folder, sorted by file and line."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        return [Problem(str(root), 1, "content folder does not exist")]
    course_content.read_courses(root, problems, practice_slugs(root))
    for section in _sections():
        section.read(root, problems)
    return sorted(set(problems))


def load_all(session: Session, root: Path) -> LoadReport:
    """Validate, then upsert everything; refuses to load content with problems."""
    started = time.perf_counter()
    root = Path(root)
    problems: list[Problem] = []
    courses = course_content.read_courses(root, problems, practice_slugs(root))
    section_data = [(section, section.read(root, problems)) for section in _sections()]
    if problems:
        raise ContentInvalid(sorted(set(problems)))
    report = LoadReport(content_hash=tree_hash(root))
    # Practice items first: modules and exams refer to them.
    for section, data in section_data:
        report.counts[section.NAME] = section.load(session, data, root)
    report.counts["courses"] = course_content.load_courses(session, courses, root)
    report.seconds = time.perf_counter() - started
    session.add(ContentVersion(content_hash=report.content_hash,
                               summary={k: v for k, v in report.counts.items()}))
    session.flush()
    return report
