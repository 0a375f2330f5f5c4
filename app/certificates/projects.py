"""Labeling projects, who is eligible for them, and the partner API keys that may ask.

A project's requirements (content/projects.yaml, admin-editable) are checked against what the
labeler holds: a valid certificate, completed modules and mean best practice scores per task type.
Every requirement becomes a bilingual sentence, so pages, the API and partners say the same thing.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.certificates import service as certificate_service
from app.certificates.models import PartnerKey, Project
from app.courses.models import Module, ModuleProgress
from app.db import utcnow
from app.errors import Invalid, NotFound
from app.i18n import N_, pick

TASK_TYPES: dict[str, dict[str, str]] = {
    "classification": {"ko": "분류", "en": "classification"},
    "text_collection": {"ko": "텍스트 수집", "en": "text collection"},
    "bbox": {"ko": "바운딩 박스", "en": "bounding boxes"},
    "polygon": {"ko": "폴리곤", "en": "polygons"},
    "ocr": {"ko": "OCR", "en": "OCR"},
    "transcription": {"ko": "음성 전사", "en": "transcription"},
    "landmarks": {"ko": "얼굴 랜드마크", "en": "face landmarks"},
    "keypoints": {"ko": "키포인트", "en": "keypoints"},
    "inspection": {"ko": "검수", "en": "inspection"},
}
KEY_PREFIX = "aide_pk_"
UNKNOWN_PERSON = {"ko": "이 요청에 해당하는 자격 요건 충족 작업자를 찾을 수 없습니다.",
                  "en": "No labeler meeting the requirements matches this request."}


class Requirements(BaseModel):
    """What a labeler needs for a project (the YAML and the admin form share this schema)."""

    model_config = ConfigDict(extra="forbid")

    certificate_level: Literal[1, 2] | None = None
    modules: list[str] = Field(default_factory=list, max_length=40)
    min_practice: dict[str, float] = Field(default_factory=dict)

    @field_validator("min_practice")
    @classmethod
    def _scores(cls, value: dict[str, float]) -> dict[str, float]:
        for task_type, score in value.items():
            if task_type not in TASK_TYPES:
                raise ValueError(f"unknown task type '{task_type}' (one of {', '.join(TASK_TYPES)})")
            if not 0 <= score <= 100:
                raise ValueError(f"the minimum score of '{task_type}' must be between 0 and 100")
        return value

    @field_validator("modules")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


# ---- projects -----------------------------------------------------------------------------

def all_projects(session: Session) -> list[Project]:
    return list(session.scalars(select(Project).order_by(Project.retired_at.is_not(None), Project.id)))


def active_projects(session: Session) -> list[Project]:
    return list(session.scalars(select(Project).where(Project.retired_at.is_(None)).order_by(Project.id)))


def project_by_slug(session: Session, slug: str, *, include_retired: bool = False) -> Project:
    query = select(Project).where(Project.slug == slug)
    if not include_retired:
        query = query.where(Project.retired_at.is_(None))
    project = session.scalar(query)
    if project is None:
        raise NotFound(N_("No such project."))
    return project


def update_project(session: Session, *, project: Project, requirements: dict[str, Any],
                   active: bool) -> Project:
    """An admin's edit: kept in the database; `aide content load` no longer overwrites it."""
    clean = Requirements.model_validate(requirements)
    known = set(session.scalars(select(Module.slug).where(Module.retired_at.is_(None))))
    unknown = [slug for slug in clean.modules if slug not in known]
    if unknown:
        raise Invalid(f"Unknown module: {', '.join(unknown)}")
    project.requirements = clean.model_dump()
    project.retired_at = None if active else (project.retired_at or utcnow())
    project.edited_by_admin = True
    session.flush()
    return project


def release_to_content(session: Session, *, project: Project) -> Project:
    """Forget the admin's edit: the next `aide content load` puts the file's version back."""
    project.edited_by_admin = False
    session.flush()
    return project


# ---- eligibility ----------------------------------------------------------------------------

@dataclass
class Check:
    met: bool
    text: dict[str, str]


@dataclass
class Eligibility:
    project: Project
    checks: list[Check] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return all(c.met for c in self.checks)

    def unmet(self, locale: str) -> list[str]:
        return [pick(c.text, locale) for c in self.checks if not c.met]


@dataclass
class LabelerRecord:
    """What one labeler holds: read once, checked against every project."""

    levels: set[int]
    completed_modules: set[str]
    best_by_type: dict[str, float]


def _score(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def labeler_record(session: Session, user_id: int, now: datetime | None = None) -> LabelerRecord:
    from app.practice import service as practice_service

    levels = {level for level in (1, 2)
              if certificate_service.has_valid_certificate(session, user_id=user_id, level=level, now=now)}
    completed = set(session.scalars(select(Module.slug).join(ModuleProgress, ModuleProgress.module_id == Module.id)
                                    .where(ModuleProgress.user_id == user_id,
                                           ModuleProgress.completed_at.is_not(None))))
    return LabelerRecord(levels=levels, completed_modules=completed,
                         best_by_type=practice_service.best_scores_by_type(session, user_id))


def module_titles(session: Session) -> dict[str, dict[str, str]]:
    return {slug: title for slug, title in session.execute(select(Module.slug, Module.title))}


def evaluate(project: Project, record: LabelerRecord, titles: dict[str, dict[str, str]]) -> Eligibility:
    """Every requirement of the project, met or not, as a sentence in Korean and English."""
    result = Eligibility(project=project)
    requirements = project.requirements or {}
    level = requirements.get("certificate_level")
    if level:
        level = int(level)
        # A higher certificate counts: level 1 is above level 2.
        met = any(held <= level for held in record.levels)
        extra_ko = " (1급도 인정)" if level == 2 else ""
        extra_en = " (level 1 also counts)" if level == 2 else ""
        result.checks.append(Check(met, {"ko": f"유효한 AIDE {level}급 자격증이 있어야 합니다{extra_ko}.",
                                         "en": f"Hold a valid AIDE level-{level} certificate{extra_en}."}))
    for slug in requirements.get("modules") or []:
        title = titles.get(slug) or {"ko": slug, "en": slug}
        result.checks.append(Check(slug in record.completed_modules,
                                   {"ko": f"'{pick(title, 'ko')}' 모듈을 마쳐야 합니다.",
                                    "en": f"Complete the module '{pick(title, 'en')}'."}))
    for task_type, minimum in (requirements.get("min_practice") or {}).items():
        names = TASK_TYPES.get(task_type, {"ko": task_type, "en": task_type})
        have = record.best_by_type.get(task_type)
        now_ko = f"현재 {_score(have)}점" if have is not None else "아직 실습 기록 없음"
        now_en = f"now {_score(have)}" if have is not None else "no practice yet"
        result.checks.append(Check(
            have is not None and have >= float(minimum),
            {"ko": f"{names['ko']} 실습의 평균 최고 점수가 {_score(float(minimum))}점 이상이어야 합니다 ({now_ko}).",
             "en": f"Reach a mean best practice score of at least {_score(float(minimum))} in "
                   f"{names['en']} ({now_en})."}))
    return result


def eligibility_for(session: Session, user_id: int, projects: list[Project] | None = None) -> list[Eligibility]:
    record = labeler_record(session, user_id)
    titles = module_titles(session)
    return [evaluate(p, record, titles) for p in (projects if projects is not None else active_projects(session))]


def project_summary(item: Eligibility, locale: str) -> dict[str, Any]:
    """A project as the API shows it to a labeler, with their eligibility."""
    project = item.project
    return {"slug": project.slug, "name": pick(project.name, locale), "client": project.client,
            "task_types": list(project.task_types), "description": pick(project.description, locale),
            "requirements": project.requirements, "eligible": item.eligible, "unmet": item.unmet(locale)}


# ---- partner keys ---------------------------------------------------------------------------

def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_partner_key(session: Session, *, name: str, admin: User) -> tuple[PartnerKey, str]:
    """A new key for a partner platform; the plain key is returned once and never stored."""
    name = name.strip()
    if not name:
        raise Invalid(N_("Give the partner a name."))
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = PartnerKey(name=name[:120], key_hash=_hash_key(key), prefix=key[:12], created_by=admin.id)
    session.add(row)
    session.flush()
    return row, key


def partner_keys(session: Session) -> list[PartnerKey]:
    return list(session.scalars(select(PartnerKey).order_by(PartnerKey.revoked_at.is_not(None),
                                                            PartnerKey.id.desc())))


def partner_key_by_id(session: Session, key_id: int) -> PartnerKey:
    row = session.get(PartnerKey, key_id) if 0 < key_id < 2**31 else None
    if row is None:
        raise NotFound(N_("No such partner key."))
    return row


def revoke_partner_key(session: Session, *, key: PartnerKey) -> PartnerKey:
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        session.flush()
    return key


def partner_for_key(session: Session, key: str | None) -> PartnerKey | None:
    """The active partner a presented key belongs to (None for missing, unknown or revoked)."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    row = session.scalar(select(PartnerKey).where(PartnerKey.key_hash == _hash_key(key),
                                                  PartnerKey.revoked_at.is_(None)))
    if row is not None:
        row.last_used_at = utcnow()
        session.flush()
    return row


def partner_key_summary(row: PartnerKey) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "prefix": row.prefix,
            "created_at": row.created_at.isoformat(),
            "last_used_at": row.last_used_at.isoformat() if row.last_used_at else None,
            "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None}


def partner_eligibility(session: Session, *, email: str, project_slug: str, locale: str) -> dict[str, Any]:
    """Whether the labeler with this email may join the project: a yes/no and reasons, nothing else."""
    from app.accounts import service as account_service

    if "\x00" in project_slug:
        raise NotFound(N_("No such project."))
    project = project_by_slug(session, project_slug)
    usable = email.strip() and "\x00" not in email
    user = account_service.get_user_by_email(session, email) if usable else None
    if user is None or not user.is_active:
        return {"eligible": False, "reasons": [pick(UNKNOWN_PERSON, locale)]}
    item = eligibility_for(session, user.id, [project])[0]
    return {"eligible": item.eligible, "reasons": item.unmet(locale)}
