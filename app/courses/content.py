"""Courses in content/: validate the files and upsert them into the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.content.files import Problem, YamlDoc, display_path, file_hash, parse_model, read_yaml
from app.content.schemas import FIGURE_REF, CourseFile, ModuleFile, Quiz
from app.courses import markdown
from app.courses.models import Course, Module
from app.db import utcnow

MINUTES_PER_COURSE = 600


@dataclass
class ModuleSource:
    folder: Path
    spec: ModuleFile
    quiz: Quiz
    lessons: dict[str, str]
    content_hash: str


@dataclass
class CourseSource:
    folder: Path
    spec: CourseFile
    modules: list[ModuleSource] = field(default_factory=list)
    content_hash: str = ""


def read_courses(root: Path, problems: list[Problem],
                 practice_slugs: set[str] | None) -> list[CourseSource]:
    """Read and check every course; problems are appended, valid parts returned."""
    courses: list[CourseSource] = []
    base = root / "courses"
    if not base.is_dir():
        problems.append(Problem(display_path(base, root), 1, "missing folder: content/courses"))
        return courses
    module_slugs: dict[str, str] = {}
    course_slugs: dict[str, str] = {}
    for folder in sorted(p for p in base.iterdir() if p.is_dir()):
        course_file = folder / "course.yaml"
        if not course_file.exists():
            problems.append(Problem(display_path(folder, root), 1, "course folder without course.yaml"))
            continue
        doc = read_yaml(course_file, root, problems)
        spec = parse_model(doc, CourseFile, problems) if doc else None
        if doc is None or spec is None:
            continue
        if spec.slug in course_slugs:
            problems.append(doc.problem(["slug"], f"duplicate course slug '{spec.slug}' "
                                        f"(also in {course_slugs[spec.slug]})"))
            continue
        course_slugs[spec.slug] = doc.display
        course = CourseSource(folder=folder, spec=spec)
        for module_folder in sorted(p for p in folder.iterdir()
                                    if p.is_dir() and (p / "module.yaml").exists()):
            module = read_module(module_folder, root, problems, practice_slugs)
            if module is None:
                continue
            if module.spec.slug in module_slugs:
                problems.append(Problem(display_path(module_folder / "module.yaml", root), 2,
                                        f"duplicate module slug '{module.spec.slug}' "
                                        f"(also in {module_slugs[module.spec.slug]})"))
                continue
            module_slugs[module.spec.slug] = display_path(module_folder, root)
            course.modules.append(module)
        orders = [m.spec.order for m in course.modules]
        for order in sorted({o for o in orders if orders.count(o) > 1}):
            problems.append(Problem(display_path(course_file, root), 1,
                                    f"two modules share order {order}"))
        minutes = sum(m.spec.estimated_minutes for m in course.modules)
        if course.modules and minutes != MINUTES_PER_COURSE:
            problems.append(Problem(display_path(course_file, root), 1,
                                    f"module estimated_minutes add up to {minutes}, "
                                    f"not {MINUTES_PER_COURSE} (10 hours)"))
        course.modules.sort(key=lambda m: m.spec.order)
        course.content_hash = file_hash(course_file)
        courses.append(course)
    known = {c.spec.slug for c in courses}
    for course in courses:
        for prerequisite in course.spec.prerequisites:
            if prerequisite not in known:
                doc = YamlDoc(course.folder / "course.yaml", root)
                problems.append(doc.problem(["prerequisites"],
                                            f"unknown prerequisite course '{prerequisite}'"))
    return courses


def read_module(folder: Path, root: Path, problems: list[Problem],
                practice_slugs: set[str] | None) -> ModuleSource | None:
    doc = read_yaml(folder / "module.yaml", root, problems)
    spec = parse_model(doc, ModuleFile, problems) if doc else None
    quiz_path = folder / "quiz.yaml"
    quiz = None
    if not quiz_path.exists():
        problems.append(Problem(display_path(quiz_path, root), 1, "missing knowledge check quiz.yaml"))
    else:
        quiz_doc = read_yaml(quiz_path, root, problems)
        quiz = parse_model(quiz_doc, Quiz, problems) if quiz_doc else None
    lessons: dict[str, str] = {}
    for locale in ("ko", "en"):
        lesson = folder / f"lesson.{locale}.md"
        if not lesson.exists():
            problems.append(Problem(display_path(lesson, root), 1,
                                    f"missing translation: lesson.{locale}.md"))
            continue
        text = lesson.read_text(encoding="utf-8")
        if not text.strip():
            problems.append(Problem(display_path(lesson, root), 1, "lesson is empty"))
        lessons[locale] = text
        for number, line in enumerate(text.splitlines(), start=1):
            for target in FIGURE_REF.findall(line):
                if target.startswith(("http://", "https://", "/")):
                    problems.append(Problem(display_path(lesson, root), number,
                                            f"figure '{target}' must be a file in the module folder"))
                    continue
                figure = (folder / target).resolve()
                if not figure.is_relative_to(folder.resolve()) or not figure.is_file():
                    problems.append(Problem(display_path(lesson, root), number,
                                            f"broken figure path '{target}'"))
    if doc is not None and spec is not None and practice_slugs is not None:
        for index, slug in enumerate(spec.practice):
            if slug not in practice_slugs:
                problems.append(doc.problem(["practice", index],
                                            f"unknown practice task '{slug}'"))
    if spec is None or quiz is None or len(lessons) != 2:
        return None
    paths = [folder / "module.yaml", quiz_path, folder / "lesson.ko.md", folder / "lesson.en.md"]
    figures = sorted((folder / "figures").glob("*")) if (folder / "figures").is_dir() else []
    return ModuleSource(folder=folder, spec=spec, quiz=quiz, lessons=lessons,
                        content_hash=file_hash(*paths, *figures))


def load_courses(session: Session, courses: list[CourseSource], root: Path) -> dict[str, int]:
    """Upsert courses and modules by slug; retire what the files no longer have."""
    counts = {"courses": 0, "modules": 0, "modules_changed": 0, "modules_retired": 0}
    existing_courses = {c.slug: c for c in session.scalars(select(Course))}
    existing_modules = {m.slug: m for m in session.scalars(select(Module))}
    seen_courses: set[str] = set()
    seen_modules: set[str] = set()
    now = utcnow()
    for source in courses:
        spec = source.spec
        course = existing_courses.get(spec.slug)
        if course is None:
            course = Course(slug=spec.slug)
            session.add(course)
        course.position = spec.order
        course.title = spec.title.model_dump()
        course.summary = spec.summary.model_dump()
        course.prerequisites = list(spec.prerequisites)
        course.content_hash = source.content_hash
        course.retired_at = None
        session.flush()
        seen_courses.add(spec.slug)
        counts["courses"] += 1
        for module_source in source.modules:
            seen_modules.add(module_source.spec.slug)
            counts["modules"] += 1
            module = existing_modules.get(module_source.spec.slug)
            if module is not None and module.content_hash == module_source.content_hash \
                    and module.course_id == course.id and module.retired_at is None:
                continue
            if module is None:
                module = Module(slug=module_source.spec.slug)
                session.add(module)
            apply_module(module, module_source, course, root)
            counts["modules_changed"] += 1
    for slug, module in existing_modules.items():
        if slug not in seen_modules and module.retired_at is None:
            module.retired_at = now
            counts["modules_retired"] += 1
    for slug, course in existing_courses.items():
        if slug not in seen_courses and course.retired_at is None:
            course.retired_at = now
    session.flush()
    return counts


def apply_module(module: Module, source: ModuleSource, course: Course, root: Path) -> None:
    spec = source.spec
    base = f"/modules/{spec.slug}"
    html_ko, toc_ko = markdown.render(source.lessons["ko"], base)
    html_en, toc_en = markdown.render(source.lessons["en"], base)
    module.course_id = course.id
    module.position = spec.order
    module.folder = str(source.folder.relative_to(root)) if source.folder.is_relative_to(root) \
        else str(source.folder)
    module.title = spec.title.model_dump()
    module.objectives = spec.objectives.model_dump()
    module.estimated_minutes = spec.estimated_minutes
    module.quiz_min_percent = spec.pass_rule.quiz_min_percent
    module.practice = list(spec.practice)
    module.lesson_html_ko = html_ko
    module.lesson_html_en = html_en
    module.toc = {"ko": [t.__dict__ for t in toc_ko], "en": [t.__dict__ for t in toc_en]}
    module.quiz = [q.model_dump(mode="json") for q in source.quiz.questions]
    module.content_hash = source.content_hash
    module.retired_at = None


def summary_of(counts: dict[str, Any]) -> str:
    return (f"{counts['courses']} courses, {counts['modules']} modules "
            f"({counts['modules_changed']} changed, {counts['modules_retired']} retired)")
