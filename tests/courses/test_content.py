"""`aide content validate` and `aide content load` on the shipped content and on broken copies."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.config import REPO_ROOT
from app.content import loader
from app.courses.models import Course, Module, ModuleProgress
from app.practice.models import LabelItem

CONTENT = REPO_ROOT / "content"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def messages(root: Path) -> list[str]:
    return [str(p) for p in loader.validate(root)]


def test_shipped_content_is_valid() -> None:
    assert messages(CONTENT) == []


def test_shipped_courses_have_twenty_modules_of_ten_hours(session: object) -> None:
    courses = session.scalars(select(Course).order_by(Course.position)).all()  # type: ignore[attr-defined]
    assert [c.slug for c in courses] == ["beginner", "intermediate"]
    assert courses[1].prerequisites == ["beginner"]
    for course in courses:
        modules = session.scalars(select(Module).where(Module.course_id == course.id)).all()  # type: ignore[attr-defined]
        assert len(modules) == 10
        assert sum(m.estimated_minutes for m in modules) == 600
        for module in modules:
            assert len(module.quiz) >= 6
            assert "<h2" in module.lesson_html_ko and "<h2" in module.lesson_html_en
            assert "<script" not in module.lesson_html_ko
            if module.slug != "ai-basics":
                assert len(module.practice) >= 3


def break_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_practice_task_is_reported_with_its_line(copy: Path) -> None:
    module = copy / "courses/beginner/08-bbox-intro/module.yaml"
    break_file(module, "bbox-intro-02", "bbox-intro-99")
    found = messages(copy)
    line = next(n for n, text in enumerate(module.read_text().splitlines(), 1) if "bbox-intro-99" in text)
    assert f"content/courses/beginner/08-bbox-intro/module.yaml:{line}: unknown practice task 'bbox-intro-99'" in found


def test_missing_translation(copy: Path) -> None:
    (copy / "courses/beginner/01-ai-basics/lesson.en.md").unlink()
    assert any(m.endswith("missing translation: lesson.en.md") for m in messages(copy))


def test_missing_english_title(copy: Path) -> None:
    path = copy / "courses/beginner/01-ai-basics/module.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", "title: {ko: AI 기초 이론}", text, count=1), encoding="utf-8")
    found = messages(copy)
    assert any("01-ai-basics/module.yaml:" in m and "title.en: Field required" in m for m in found), found


def test_duplicate_module_slug(copy: Path) -> None:
    break_file(copy / "courses/beginner/02-labeling-basics/module.yaml", "slug: labeling-basics", "slug: ai-basics")
    assert any("duplicate module slug 'ai-basics'" in m for m in messages(copy))


def test_question_without_correct_option(copy: Path) -> None:
    quiz = copy / "courses/beginner/01-ai-basics/quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    first = text.index("correct: true")
    quiz.write_text(text[:first] + "correct: false" + text[first + len("correct: true"):], encoding="utf-8")
    found = messages(copy)
    assert any("01-ai-basics/quiz.yaml:" in m and "no correct option" in m for m in found), found


def test_broken_figure_path(copy: Path) -> None:
    lesson = copy / "courses/beginner/08-bbox-intro/lesson.ko.md"
    text = lesson.read_text(encoding="utf-8")
    target = re.search(r"!\[[^\]]*\]\((figures/[^)]+)\)", text)
    assert target
    lesson.write_text(text.replace(target.group(1), "figures/nope.svg", 1), encoding="utf-8")
    line = next(n for n, t in enumerate(lesson.read_text().splitlines(), 1) if "figures/nope.svg" in t)
    assert f"content/courses/beginner/08-bbox-intro/lesson.ko.md:{line}: broken figure path 'figures/nope.svg'" \
        in messages(copy)


def test_yaml_syntax_error_names_the_line(copy: Path) -> None:
    path = copy / "courses/beginner/course.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nbroken: [unclosed\n", encoding="utf-8")
    assert any(m.startswith("content/courses/beginner/course.yaml:") and "YAML does not parse" in m
               for m in messages(copy))


def test_cli_validate_exit_codes(copy: Path) -> None:
    from typer.testing import CliRunner

    from app.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["content", "validate", str(CONTENT)]).exit_code == 0
    (copy / "courses/beginner/01-ai-basics/quiz.yaml").unlink()
    result = runner.invoke(cli, ["content", "validate", str(copy)])
    assert result.exit_code == 1
    assert "missing knowledge check quiz.yaml" in result.output


def test_load_is_idempotent_fast_and_keeps_progress(session: object, copy: Path, users: object) -> None:
    user = users.create()  # type: ignore[attr-defined]
    module = session.scalar(select(Module).where(Module.slug == "text-collection"))  # type: ignore[attr-defined]
    session.add(ModuleProgress(user_id=user.id, module_id=module.id, reading_percent=100))  # type: ignore[attr-defined]
    session.commit()  # type: ignore[attr-defined]
    started = time.perf_counter()
    report = loader.load_all(session, copy)  # type: ignore[arg-type]
    assert time.perf_counter() - started < 5
    assert report.counts["courses"]["modules_changed"] == 0  # same files: nothing rewritten
    # Drop a module from the files: it is retired and hidden, the learner's row stays.
    shutil.rmtree(copy / "courses/beginner/04-text-collection")
    for dropped in (copy / "practice/text-collection").iterdir():
        shutil.rmtree(dropped)
    path = copy / "courses/beginner/05-audio-classification/module.yaml"
    break_file(path, "estimated_minutes: 60", "estimated_minutes: 120")
    report = loader.load_all(session, copy)  # type: ignore[arg-type]
    session.commit()  # type: ignore[attr-defined]
    assert report.counts["courses"]["modules_retired"] == 1
    session.refresh(module)  # type: ignore[attr-defined]
    assert module.retired_at is not None
    kept = session.scalar(select(func.count()).select_from(ModuleProgress).where(  # type: ignore[attr-defined]
        ModuleProgress.user_id == user.id))
    assert kept == 1
    retired_items = session.scalar(select(func.count()).select_from(LabelItem).where(  # type: ignore[attr-defined]
        LabelItem.retired_at.is_not(None)))
    assert retired_items == 3


def test_load_refuses_invalid_content(session: object, copy: Path) -> None:
    (copy / "courses/beginner/01-ai-basics/quiz.yaml").unlink()
    with pytest.raises(loader.ContentInvalid):
        loader.load_all(session, copy)  # type: ignore[arg-type]
