"""Exam logic: eligibility, attempt policy, drawing the paper, saving answers, deadline, grading.

The server owns everything: the paper (drawn with a stored seed), the clock (deadline in server
time) and the grade (one transaction; a repeated or concurrent submit grades once).
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.content import grading
from app.courses import service as course_service
from app.courses.models import ContentVersion
from app.db import utcnow
from app.errors import Conflict, Forbidden, Invalid, NotFound
from app.exams.models import Accommodation, Answer, Attempt, BankQuestion, Blueprint, IntegrityEvent, PaperItem
from app.i18n import N_, pick
from app.practice import scoring
from app.practice import service as practice_service
from app.practice.models import LabelItem
from app.practice.schemas import SubmissionIn

GRACE_SECONDS = 30  # network lag allowance after the deadline
MODES = ("real", "mock")


class NotEligible(Forbidden):
    """The candidate does not meet an exam's requirements (the message says which)."""


class AttemptClosed(Conflict):
    """The attempt is over: answers can no longer be saved."""


def exam_slug(blueprint: Blueprint, mode: str) -> str:
    return blueprint.slug if mode == "real" else f"{blueprint.slug}-mock"


def resolve_exam(session: Session, slug: str) -> tuple[Blueprint, str]:
    """`aide-level2` is the real exam, `aide-level2-mock` its mock variant."""
    mode = "real"
    base = slug
    if slug.endswith("-mock"):
        mode, base = "mock", slug.removesuffix("-mock")
    blueprint = session.scalar(select(Blueprint).where(Blueprint.slug == base, Blueprint.retired_at.is_(None)))
    if blueprint is None:
        raise NotFound(N_("No such exam."))
    return blueprint, mode


def blueprints(session: Session) -> list[Blueprint]:
    query = select(Blueprint).where(Blueprint.retired_at.is_(None)).order_by(Blueprint.level.desc())
    return list(session.scalars(query))


# ---- eligibility and policy -------------------------------------------------------------

def unmet_requirements(session: Session, user: User, blueprint: Blueprint, mode: str) -> list[dict[str, str]]:
    """What the candidate still lacks for this exam, in words (empty = eligible). Mocks are open."""
    if mode == "mock":
        return []
    missing: list[dict[str, str]] = []
    done = course_service.completed_course_slugs(session, user.id)
    courses = {c.slug: c for c in course_service.active_courses(session)}
    for slug in blueprint.requires.get("courses", []):
        if slug not in done:
            title = courses[slug].title if slug in courses else {"ko": slug, "en": slug}
            missing.append({"ko": f"'{title['ko']}' 과정을 마쳐야 합니다.",
                            "en": f"Complete the course '{title['en']}'."})
    level = blueprint.requires.get("certificate_level")
    if level:
        from app.certificates import service as certificate_service

        if not certificate_service.has_valid_certificate(session, user_id=user.id, level=int(level)):
            missing.append({"ko": f"유효한 AIDE {level}급 자격증이 있어야 합니다.",
                            "en": f"Hold a valid AIDE level-{level} certificate."})
    return missing


def policy_block(session: Session, user: User, blueprint: Blueprint, mode: str,
                 now: datetime | None = None) -> dict[str, Any] | None:
    """Why a new real attempt cannot start yet (attempt limit or cooldown), with when it can."""
    if mode == "mock":
        return None
    now = now or utcnow()
    policy = blueprint.attempt_policy
    window_start = now - timedelta(days=policy["window_days"])
    started = list(session.scalars(select(Attempt.started_at).where(
        Attempt.user_id == user.id, Attempt.blueprint_id == blueprint.id, Attempt.mode == "real",
        Attempt.started_at >= window_start).order_by(Attempt.started_at)))
    if len(started) >= policy["max_attempts"]:
        until = started[-policy["max_attempts"]] + timedelta(days=policy["window_days"])
        return {"reason": "limit", "until": until,
                "message": {"ko": f"{policy['window_days']}일 동안 최대 {policy['max_attempts']}번 응시할 수 있습니다. "
                                  f"다음 응시 가능: {until:%Y-%m-%d %H:%M} UTC.",
                            "en": f"At most {policy['max_attempts']} attempts per {policy['window_days']} days. "
                                  f"Next possible: {until:%Y-%m-%d %H:%M} UTC."}}
    last = session.scalar(select(func.max(Attempt.started_at)).where(
        Attempt.user_id == user.id, Attempt.blueprint_id == blueprint.id, Attempt.mode == "real"))
    if last is not None:
        until = last + timedelta(hours=policy["cooldown_hours"])
        if until > now:
            return {"reason": "cooldown", "until": until,
                    "message": {"ko": f"응시 사이에는 {policy['cooldown_hours']:g}시간 간격이 필요합니다. "
                                      f"다음 응시 가능: {until:%Y-%m-%d %H:%M} UTC.",
                                "en": f"Attempts must be {policy['cooldown_hours']:g} hours apart. "
                                      f"Next possible: {until:%Y-%m-%d %H:%M} UTC."}}
    return None


# ---- starting an attempt and drawing the paper -----------------------------------------

def open_attempt(session: Session, user: User, blueprint: Blueprint, mode: str) -> Attempt | None:
    return session.scalar(select(Attempt).where(Attempt.open_key == f"{user.id}:{blueprint.id}:{mode}"))


def seen_refs(session: Session, user: User) -> set[str]:
    rows = session.execute(select(PaperItem.ref).join(Attempt, Attempt.id == PaperItem.attempt_id)
                           .where(Attempt.user_id == user.id))
    return {ref for (ref,) in rows}


def _pick(rng: random.Random, candidates: list[str], count: int, seen: set[str]) -> list[str]:
    """Random draw that prefers items the candidate has not seen before."""
    fresh = [c for c in candidates if c not in seen]
    old = [c for c in candidates if c in seen]
    rng.shuffle(fresh)
    rng.shuffle(old)
    return (fresh + old)[:count]


def draw_paper(session: Session, attempt: Attempt, blueprint: Blueprint, seen: set[str]) -> list[PaperItem]:
    rng = random.Random(attempt.seed)
    paper: list[PaperItem] = []
    position = 0
    for section in blueprint.sections:
        for draw in section["draw"]:
            if section["source"] == "bank":
                candidates = list(session.scalars(select(BankQuestion.qid).where(
                    BankQuestion.bank == section["bank"], BankQuestion.topic == draw["topic"],
                    BankQuestion.retired_at.is_(None)).order_by(BankQuestion.qid)))
            else:
                candidates = list(session.scalars(select(LabelItem.slug).where(
                    LabelItem.kind == "exam", LabelItem.pool == section["pool"], LabelItem.topic == draw["topic"],
                    LabelItem.retired_at.is_(None)).order_by(LabelItem.slug)))
            chosen = _pick(rng, candidates, draw["count"], seen)
            if len(chosen) < draw["count"]:
                raise Invalid(f"The exam bank has too few items for topic '{draw['topic']}'.")
            for ref in chosen:
                position += 1
                paper.append(PaperItem(attempt_id=attempt.id, position=position, section=section["id"],
                                       source="question" if section["source"] == "bank" else "item",
                                       ref=ref, topic=draw["topic"]))
    questions = {q.qid: q for q in session.scalars(select(BankQuestion).where(
        BankQuestion.qid.in_([p.ref for p in paper if p.source == "question"])))}
    for item in paper:
        if item.source != "question":
            continue
        options = [o["id"] for o in questions[item.ref].question.get("options", [])]
        rng.shuffle(options)
        mapping = {f"o{rng.getrandbits(40):010x}": original for original in options}
        item.option_ids = mapping
        item.option_order = list(mapping)
    session.add_all(paper)
    session.flush()
    return paper


def accommodation_minutes(session: Session, user_id: int, blueprint_id: int) -> int:
    return session.scalar(select(Accommodation.extra_minutes).where(
        Accommodation.user_id == user_id, Accommodation.blueprint_id == blueprint_id)) or 0


def current_content_version(session: Session) -> str:
    return session.scalar(select(ContentVersion.content_hash).order_by(ContentVersion.id.desc()).limit(1)) or "none"


def start_attempt(session: Session, *, user: User, blueprint: Blueprint, mode: str) -> tuple[Attempt, bool]:
    """Start (or return the open) attempt: eligibility, policy, paper drawn with a stored seed."""
    existing = open_attempt(session, user, blueprint, mode)
    if existing is not None and not finalize_if_expired(session, existing):
        return existing, False
    missing = unmet_requirements(session, user, blueprint, mode)
    if missing:
        raise NotEligible(" ".join(m["en"] for m in missing))
    block = policy_block(session, user, blueprint, mode)
    if block is not None:
        raise Conflict(block["message"]["en"])
    now = utcnow()
    extra = accommodation_minutes(session, user.id, blueprint.id)
    attempt = Attempt(public_id=secrets.token_urlsafe(12), user_id=user.id, blueprint_id=blueprint.id, mode=mode,
                      open_key=f"{user.id}:{blueprint.id}:{mode}", status="open", seed=secrets.randbits(62),
                      started_at=now, duration_minutes=blueprint.duration_minutes, extra_minutes=extra,
                      deadline=now + timedelta(minutes=blueprint.duration_minutes + extra),
                      content_version=current_content_version(session))
    try:
        with session.begin_nested():
            session.add(attempt)
            session.flush()
    except IntegrityError:  # a concurrent start won: return its attempt
        existing = open_attempt(session, user, blueprint, mode)
        if existing is None:
            raise
        return existing, False
    draw_paper(session, attempt, blueprint, seen_refs(session, user))
    return attempt, True


# ---- reading the paper ------------------------------------------------------------------

def attempt_for(session: Session, public_id: str, user: User) -> Attempt:
    attempt = session.scalar(select(Attempt).where(Attempt.public_id == public_id))
    if attempt is None or attempt.user_id != user.id:
        raise NotFound(N_("No such attempt."))
    return attempt


def paper_of(session: Session, attempt: Attempt) -> list[PaperItem]:
    return list(session.scalars(select(PaperItem).where(PaperItem.attempt_id == attempt.id)
                                .order_by(PaperItem.position)))


def answers_of(session: Session, attempt: Attempt) -> dict[int, Answer]:
    return {a.paper_item_id: a for a in session.scalars(select(Answer).where(Answer.attempt_id == attempt.id))}


def public_paper(session: Session, attempt: Attempt, locale: str) -> list[dict[str, Any]]:
    """The paper as the candidate sees it: prompts, opaque options, task data — no key, no gold."""
    paper = paper_of(session, attempt)
    questions = {q.qid: q for q in session.scalars(select(BankQuestion).where(
        BankQuestion.qid.in_([p.ref for p in paper if p.source == "question"])))}
    items = {i.slug: i for i in session.scalars(select(LabelItem).where(
        LabelItem.slug.in_([p.ref for p in paper if p.source == "item"])))}
    out = []
    for entry in paper:
        base = {"position": entry.position, "section": entry.section}
        if entry.source == "question":
            q = questions[entry.ref].question
            public = grading.public_question(q, locale)
            texts = {o["id"]: pick(o["text"], locale) for o in q.get("options", [])}
            base.update({"kind": "question", "type": q["type"], "prompt": public["prompt"]})
            if q["type"] != "short_answer":
                base["options"] = [{"id": opaque, "text": texts[entry.option_ids[opaque]],
                                    **({"value": entry.option_ids[opaque]} if q["type"] == "true_false" else {})}
                                   for opaque in entry.option_order]
        else:
            item = items[entry.ref]
            task = practice_service.public_item(item, locale)
            if task.get("asset") and task["asset"].get("file"):
                task["asset"]["url"] = f"/exam-assets/{attempt.public_id}/{entry.position}/{task['asset']['file']}"
            task.pop("slug", None)
            task.pop("module", None)
            base.update({"kind": "task", "type": item.task_type, "task": task})
        out.append(base)
    return out


def paper_item_at(session: Session, attempt: Attempt, position: int) -> PaperItem:
    entry = session.scalar(select(PaperItem).where(PaperItem.attempt_id == attempt.id,
                                                   PaperItem.position == position))
    if entry is None:
        raise NotFound(N_("No such item on this paper."))
    return entry


# ---- the clock and saving answers -------------------------------------------------------

def is_expired(attempt: Attempt, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return now > attempt.deadline + timedelta(seconds=GRACE_SECONDS)


def finalize_if_expired(session: Session, attempt: Attempt) -> bool:
    """Grade an open attempt whose time is up, with what was saved. True if it is closed now."""
    if attempt.status != "open":
        return True
    if is_expired(attempt):
        grade(session, attempt, finished_by="deadline")
        return True
    return False


def validate_response(session: Session, entry: PaperItem, response: dict[str, Any]) -> dict[str, Any]:
    """Check a response's shape for its item: option ids of this paper, or the practice format."""
    size = practice_service.strict_json_size("response", response)
    if entry.source == "question":
        allowed = {"choices", "text"}
        if set(response) - allowed:
            raise Invalid("response: use {\"choices\": [...]} or {\"text\": \"...\"}")
        if "choices" in response:
            choices = response["choices"]
            if not isinstance(choices, list) or len(choices) > 10 or not all(isinstance(c, str) for c in choices):
                raise Invalid("response.choices: a list of option ids")
            for index, choice in enumerate(choices):
                if choice not in entry.option_ids:
                    raise Invalid(f"response.choices[{index}]: not an option of this question")
        if "text" in response and (not isinstance(response["text"], str) or len(response["text"]) > 500):
            raise Invalid("response.text: a string of at most 500 characters")
        return response
    item = session.scalar(select(LabelItem).where(LabelItem.slug == entry.ref))
    assert item is not None
    try:
        body = SubmissionIn.model_validate(response)
    except ValidationError as exc:  # a wrong shape is the candidate's mistake (422), not ours
        first = exc.errors()[0]
        raise Invalid(".".join(str(p) for p in ("response", *first["loc"])) + f": {first['msg']}") from None
    return practice_service.check_submission(item, body, size)


def save_answer(session: Session, *, attempt: Attempt, position: int, seq: int,
                response: dict[str, Any]) -> tuple[Answer, bool]:
    """Save one answer idempotently; a lower seq than the stored one is refused (409)."""
    if finalize_if_expired(session, attempt):
        session.commit()  # the finalised grade must not be rolled back with this refusal
        raise AttemptClosed(N_("Time is up: this attempt is closed and was graded with the answers saved "
                               "before the deadline."))
    entry = paper_item_at(session, attempt, position)
    clean = validate_response(session, entry, response)
    now = utcnow()
    existing = session.scalar(select(Answer).where(Answer.attempt_id == attempt.id,
                                                   Answer.paper_item_id == entry.id))
    if existing is None:
        answer = Answer(attempt_id=attempt.id, paper_item_id=entry.id, seq=seq, response=clean, saved_at=now)
        try:
            with session.begin_nested():
                session.add(answer)
                session.flush()
            return answer, True
        except IntegrityError:
            existing = session.scalars(select(Answer).where(Answer.attempt_id == attempt.id,
                                                            Answer.paper_item_id == entry.id)).one()
    if seq == existing.seq:
        if existing.response == clean:
            return existing, False  # a replay of the same save
        raise Conflict(N_("This sequence number was already used for a different answer."))
    # Atomic compare-and-set: only a newer seq replaces the stored answer, even under races.
    newer = update(Answer).where(Answer.id == existing.id, Answer.seq < seq)
    result = session.execute(newer.values(seq=seq, response=clean, saved_at=now)
                             .execution_options(synchronize_session=False))
    if result.rowcount == 0:  # type: ignore[attr-defined]
        session.refresh(existing)
        raise Conflict(f"A newer answer (seq {existing.seq}) is already saved; this one (seq {seq}) was not applied.")
    session.refresh(existing)
    return existing, True


def record_event(session: Session, *, attempt: Attempt, kind: str, detail: str) -> None:
    if attempt.status == "open":
        session.add(IntegrityEvent(attempt_id=attempt.id, kind=kind, detail=detail[:200]))
        session.flush()


def events_of(session: Session, attempt: Attempt) -> list[IntegrityEvent]:
    return list(session.scalars(select(IntegrityEvent).where(IntegrityEvent.attempt_id == attempt.id)
                                .order_by(IntegrityEvent.id)))


# ---- grading ------------------------------------------------------------------------------

def receipt_of(attempt: Attempt, paper: list[PaperItem], answers: dict[int, Answer]) -> str:
    """A hash of exactly the saved answers, so a candidate can prove what was graded."""
    payload = [{"position": p.position, "seq": answers[p.id].seq, "response": answers[p.id].response}
               for p in paper if p.id in answers]
    digest = hashlib.sha256(json.dumps({"attempt": attempt.public_id, "answers": payload}, sort_keys=True,
                                       ensure_ascii=False, separators=(",", ":")).encode())
    return digest.hexdigest()


def grade(session: Session, attempt: Attempt, finished_by: str = "submit") -> bool:
    """Grade once: the first caller flips open → graded atomically; others get False."""
    claimed = session.execute(update(Attempt).where(Attempt.id == attempt.id, Attempt.status == "open")
                              .values(status="graded", open_key=None, submitted_at=utcnow(), finished_by=finished_by)
                              .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(attempt)
        return False
    session.refresh(attempt)
    blueprint = session.get(Blueprint, attempt.blueprint_id)
    assert blueprint is not None
    paper = paper_of(session, attempt)
    answers = answers_of(session, attempt)
    questions = {q.qid: q for q in session.scalars(select(BankQuestion).where(
        BankQuestion.qid.in_([p.ref for p in paper if p.source == "question"])))}
    items = {i.slug: i for i in session.scalars(select(LabelItem).where(
        LabelItem.slug.in_([p.ref for p in paper if p.source == "item"])))}
    sections: dict[str, list[float]] = {}
    topics: dict[str, list[float]] = {}
    for entry in paper:
        answer = answers.get(entry.id)
        if entry.source == "question":
            question = questions[entry.ref].question
            response = dict(answer.response) if answer else {}
            if "choices" in response:
                response["choices"] = [entry.option_ids.get(c, "?") for c in response["choices"]]
            points = 1.0 if grading.is_correct(question, response) else 0.0
            entry.detail = {"correct": bool(points)}
        else:
            item = items[entry.ref]
            if answer is None:
                points, entry.detail = 0.0, {"score": 0.0, "passed": False, "unanswered": True}
            else:
                result = scoring.score(item.task_type, item.gold, answer.response, item.params)
                points = float(result.score) / 100.0
                entry.detail = {"score": float(result.score), "passed": bool(result.passed),
                                "result": result.to_dict()}
        entry.points = points
        sections.setdefault(entry.section, []).append(points)
        topics.setdefault(entry.topic, []).append(points)
    section_scores = {s: round(100 * sum(v) / len(v), 1) for s, v in sections.items()}
    total = round(100 * sum(sum(v) for v in sections.values()) / max(1, sum(len(v) for v in sections.values())), 1)
    rule = blueprint.pass_rule
    passed = total >= rule["total_min_percent"] and all(v >= rule["section_min_percent"]
                                                         for v in section_scores.values())
    attempt.score_percent = total
    attempt.section_scores = section_scores
    attempt.topic_scores = {t: round(100 * sum(v) / len(v), 1) for t, v in topics.items()}
    attempt.passed = passed
    attempt.receipt = receipt_of(attempt, paper, answers)
    session.flush()
    if passed and attempt.mode == "real":
        from app.certificates import service as certificate_service

        certificate_service.issue_for(session, attempt=attempt, blueprint=blueprint)
    return True


def submit(session: Session, *, attempt: Attempt) -> Attempt:
    """Submit and grade in this transaction; a repeat (or concurrent) submit returns the same result."""
    if attempt.status == "open":
        grade(session, attempt, finished_by="deadline" if is_expired(attempt) else "submit")
    session.refresh(attempt)
    return attempt


def sweep(session: Session) -> int:
    """Finalise every open attempt whose deadline (plus grace) has passed."""
    cutoff = utcnow() - timedelta(seconds=GRACE_SECONDS)
    count = 0
    for attempt in session.scalars(select(Attempt).where(Attempt.status == "open", Attempt.deadline < cutoff)).all():
        count += grade(session, attempt, finished_by="deadline")
    return count


def review(session: Session, attempt: Attempt, locale: str) -> list[dict[str, Any]]:
    """What the candidate may see after grading: for mocks, full answers and explanations."""
    paper = paper_of(session, attempt)
    answers = answers_of(session, attempt)
    public = {p["position"]: p for p in public_paper(session, attempt, locale)}
    questions = {q.qid: q for q in session.scalars(select(BankQuestion).where(
        BankQuestion.qid.in_([p.ref for p in paper if p.source == "question"])))}
    out = []
    for entry in paper:
        row: dict[str, Any] = {**public[entry.position], "points": entry.points, "topic": entry.topic}
        answer = answers.get(entry.id)
        row["response"] = answer.response if answer else None
        if attempt.mode == "mock":
            if entry.source == "question":
                question = questions[entry.ref].question
                reverse = {v: k for k, v in entry.option_ids.items()}
                row["correct_choices"] = [reverse[o["id"]] for o in question.get("options", [])
                                          if o.get("correct") and o["id"] in reverse]
                if question["type"] == "short_answer":
                    row["accepted_answers"] = question["answers"].get(locale) or question["answers"]["ko"]
                row["explanation"] = pick(question["explanation"], locale)
                row["correct"] = bool(entry.detail and entry.detail.get("correct"))
            else:
                row["result"] = (entry.detail or {}).get("result")
                row["score"] = (entry.detail or {}).get("score")
        out.append(row)
    return out


def set_accommodation(session: Session, *, instructor: User, user: User, blueprint: Blueprint,
                      extra_minutes: int, reason: str) -> Accommodation:
    """Grant extra time; an attempt already running gets its deadline moved too."""
    row = session.scalar(select(Accommodation).where(Accommodation.user_id == user.id,
                                                     Accommodation.blueprint_id == blueprint.id))
    if row is None:
        row = Accommodation(user_id=user.id, blueprint_id=blueprint.id, extra_minutes=extra_minutes)
        session.add(row)
    row.extra_minutes = extra_minutes
    row.reason = reason
    row.set_by = instructor.id
    for attempt in session.scalars(select(Attempt).where(Attempt.user_id == user.id,
                                                         Attempt.blueprint_id == blueprint.id,
                                                         Attempt.status == "open")):
        attempt.extra_minutes = extra_minutes
        attempt.deadline = attempt.started_at + timedelta(minutes=attempt.duration_minutes + extra_minutes)
    session.flush()
    return row


def attempts_of(session: Session, user: User) -> list[Attempt]:
    return list(session.scalars(select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.id.desc())))
