"""Exam blueprints (content/exams/*.yaml) and question banks (content/exams/bank/*.yaml)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.content.files import FastLoader, Problem, file_hash, parse_model, read_yaml
from app.content.schemas import Question
from app.db import utcnow
from app.exams.models import BankQuestion, Blueprint
from app.exams.schemas import BlueprintFile

NAME = "exams"
DRAW_FACTOR = 3  # the bank holds at least 3x each section's draw per topic


@dataclass
class ExamSources:
    blueprints: list[tuple[BlueprintFile, str]] = field(default_factory=list)
    questions: list[tuple[str, Question, str]] = field(default_factory=list)


def read(root: Path, problems: list[Problem]) -> ExamSources:
    sources = ExamSources()
    base = root / "exams"
    if not base.is_dir():
        return sources
    qids: dict[str, str] = {}
    bank_topics: dict[str, Counter[str]] = {}
    for path in sorted((base / "bank").glob("*.yaml")):
        doc = read_yaml(path, root, problems)
        if doc is None:
            continue
        bank = path.stem
        bank_topics[bank] = Counter()
        questions = doc.data.get("questions") if isinstance(doc.data, dict) else None
        if not isinstance(questions, list):
            problems.append(doc.problem([], "a bank file has a 'questions' list"))
            continue
        digest = file_hash(path)
        for index in range(len(questions)):
            question = parse_model(doc, Question, problems, ("questions", index))
            if question is None:
                continue
            if question.topic is None or question.difficulty is None:
                problems.append(doc.problem(["questions", index], "exam questions need topic and difficulty"))
                continue
            if question.id in qids:
                problems.append(doc.problem(["questions", index, "id"],
                                            f"duplicate question id '{question.id}' (also in {qids[question.id]})"))
                continue
            qids[question.id] = doc.display
            bank_topics[bank][question.topic] += 1
            sources.questions.append((bank, question, digest))
    pools: dict[str, Counter[str]] = {}
    for item_path in sorted((base / "items").glob("*/item.yaml")):
        try:
            import yaml

            data = yaml.load(item_path.read_text(encoding="utf-8"), Loader=FastLoader) or {}
        except Exception:  # reported by the items section
            continue
        if isinstance(data, dict) and data.get("pool"):
            pools.setdefault(str(data["pool"]), Counter())[str(data.get("topic"))] += 1
    slugs: set[str] = set()
    for path in sorted(base.glob("*.yaml")):
        doc = read_yaml(path, root, problems)
        spec = parse_model(doc, BlueprintFile, problems) if doc else None
        if doc is None or spec is None:
            continue
        if spec.slug in slugs:
            problems.append(doc.problem(["slug"], f"duplicate exam slug '{spec.slug}'"))
            continue
        slugs.add(spec.slug)
        for s_index, section in enumerate(spec.sections):
            available = bank_topics.get(section.bank or "", Counter()) if section.source == "bank" \
                else pools.get(section.pool or "", Counter())
            if section.source == "bank" and section.bank not in bank_topics:
                problems.append(doc.problem(["sections", s_index, "bank"], f"unknown bank '{section.bank}'"))
                continue
            for d_index, draw in enumerate(section.draw):
                have = available.get(draw.topic, 0)
                if have < DRAW_FACTOR * draw.count:
                    problems.append(doc.problem(
                        ["sections", s_index, "draw", d_index],
                        f"topic '{draw.topic}' has {have} items; the draw of {draw.count} needs at least "
                        f"{DRAW_FACTOR * draw.count}"))
        sources.blueprints.append((spec, file_hash(path)))
    return sources


def load(session: Session, sources: ExamSources, root: Path) -> dict[str, Any]:
    existing = {b.slug: b for b in session.scalars(select(Blueprint))}
    for spec, digest in sources.blueprints:
        blueprint = existing.get(spec.slug) or Blueprint(slug=spec.slug)
        if blueprint.id is None:
            session.add(blueprint)
        blueprint.level = spec.level
        blueprint.title = spec.title.model_dump()
        blueprint.description = spec.description.model_dump()
        blueprint.duration_minutes = spec.duration_minutes
        blueprint.requires = spec.requires.model_dump()
        blueprint.pass_rule = spec.pass_.model_dump()
        blueprint.attempt_policy = spec.attempt_policy.model_dump()
        blueprint.valid_years = spec.valid_years
        blueprint.sections = [s.model_dump(mode="json") for s in spec.sections]
        blueprint.content_hash = digest
        blueprint.retired_at = None
    now = utcnow()
    seen_blueprints = {spec.slug for spec, _ in sources.blueprints}
    for slug, blueprint in existing.items():
        if slug not in seen_blueprints and blueprint.retired_at is None:
            blueprint.retired_at = now
    questions = {q.qid: q for q in session.scalars(select(BankQuestion))}
    seen: set[str] = set()
    changed = 0
    for bank, question, digest in sources.questions:
        seen.add(question.id)
        row = questions.get(question.id)
        data = question.model_dump(mode="json")
        if row is not None and row.question == data and row.bank == bank and row.retired_at is None:
            continue
        if row is None:
            row = BankQuestion(qid=question.id)
            session.add(row)
        row.bank = bank
        row.topic = question.topic or ""
        row.difficulty = question.difficulty or 1
        row.question = data
        row.content_hash = digest
        row.retired_at = None
        changed += 1
    for qid, row in questions.items():
        if qid not in seen and row.retired_at is None:
            row.retired_at = now
    session.flush()
    return {"blueprints": len(sources.blueprints), "questions": len(sources.questions), "changed": changed,
            "summary": f"{len(sources.blueprints)} exams, {len(sources.questions)} bank questions ({changed} changed)"}
