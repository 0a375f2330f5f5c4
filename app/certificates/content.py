"""Labeling projects in content/projects.yaml: check and load (a section of `aide content load`).

Admin edits win: a project an admin edited (``edited_by_admin``) is left exactly as the admin
saved it — neither updated nor retired by a content load — until an admin returns it to the
file's version at /admin/projects. Everything else follows the file: new slugs are created,
known ones updated, and projects the file no longer lists are retired (never deleted).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.certificates.models import Project
from app.certificates.projects import TASK_TYPES, Requirements
from app.content.files import Problem, parse_model, read_yaml
from app.db import utcnow

NAME = "projects"
FILE = "projects.yaml"


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ko: str = Field(min_length=1)
    en: str = Field(min_length=1)


class ProjectSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,79}$")
    name: Text
    client: str = Field(min_length=1, max_length=120)
    task_types: list[str] = Field(min_length=1)
    description: Text
    requirements: Requirements = Field(default_factory=Requirements)


class ProjectsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    projects: list[ProjectSpec]


@dataclass
class ProjectSources:
    specs: list[ProjectSpec]


def _module_slugs(root: Path) -> set[str]:
    slugs = set()
    for path in (root / "courses").glob("*/*/module.yaml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):  # reported by the courses section
            continue
        if isinstance(data, dict) and isinstance(data.get("slug"), str):
            slugs.add(data["slug"])
    return slugs


def read(root: Path, problems: list[Problem]) -> ProjectSources | None:
    """Parse and check projects.yaml (None when the content folder has no projects file)."""
    path = Path(root) / FILE
    if not path.exists():
        return None
    doc = read_yaml(path, Path(root), problems)
    if doc is None:
        return None
    spec = parse_model(doc, ProjectsFile, problems)
    if spec is None:
        return None
    modules = _module_slugs(Path(root))
    seen: set[str] = set()
    good: list[ProjectSpec] = []
    for index, project in enumerate(spec.projects):
        where = ["projects", index]
        ok = True
        if project.slug in seen:
            problems.append(doc.problem([*where, "slug"], f"duplicate project slug '{project.slug}'"))
            continue
        seen.add(project.slug)
        for t_index, task_type in enumerate(project.task_types):
            if task_type not in TASK_TYPES:
                problems.append(doc.problem([*where, "task_types", t_index], f"unknown task type '{task_type}'"))
                ok = False
        for m_index, slug in enumerate(project.requirements.modules):
            if modules and slug not in modules:
                problems.append(doc.problem([*where, "requirements", "modules", m_index],
                                            f"unknown module '{slug}'"))
                ok = False
        if ok:
            good.append(project)
    return ProjectSources(specs=good)


def load(session: Session, data: ProjectSources | None, root: Path) -> dict[str, Any]:
    """Upsert projects by slug; admin-edited ones are kept as the admin left them."""
    if data is None:
        return {"projects": 0, "kept": 0, "summary": "no projects file"}
    existing = {p.slug: p for p in session.scalars(select(Project))}
    kept = changed = 0
    for spec in data.specs:
        project = existing.get(spec.slug)
        if project is not None and project.edited_by_admin:
            kept += 1
            continue
        if project is None:
            project = Project(slug=spec.slug, edited_by_admin=False)
            session.add(project)
        values = {"name": spec.name.model_dump(), "client": spec.client, "task_types": list(spec.task_types),
                  "description": spec.description.model_dump(), "requirements": spec.requirements.model_dump()}
        if project.id is None or any(getattr(project, k) != v for k, v in values.items()) \
                or project.retired_at is not None:
            changed += 1
        for key, value in values.items():
            setattr(project, key, value)
        project.retired_at = None
    listed = {spec.slug for spec in data.specs}
    retired = 0
    for slug, project in existing.items():
        if slug not in listed and project.retired_at is None and not project.edited_by_admin:
            project.retired_at = utcnow()
            retired += 1
    session.flush()
    summary = f"{len(data.specs)} projects ({changed} changed, {retired} retired"
    summary += f", {kept} kept as edited by an admin)" if kept else ")"
    return {"projects": len(data.specs), "changed": changed, "retired": retired, "kept": kept,
            "summary": summary}
