"""The practice labeling workspace in real chromium: draw, label, submit, read the feedback.

Coordinates come from each item's gold.yaml so the tests keep working when generated items
change; they are converted to screen pixels with the workspace's fit-to-view transform.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect

from app.config import REPO_ROOT
from tests.browser.conftest import screenshot

PRACTICE = REPO_ROOT / "content" / "practice"


def register(page: Any) -> None:
    """A new Korean-UI trainee: created through the API, then logged in through the login form."""
    email = f"ws-{uuid.uuid4().hex[:8]}@example.org"
    response = page.request.post("/api/v1/auth/register", data={
        "email": email, "display_name": "작업자", "password": "browser-pass-123", "locale": "ko"})
    assert response.status == 201, response.text()
    page.goto("/login?next=/practice")
    page.get_by_label("이메일").fill(email)
    page.get_by_label("비밀번호").fill("browser-pass-123")
    page.get_by_role("button", name="로그인").click()
    expect(page).to_have_url("/practice")


def item_files(module: str, slug: str) -> tuple[dict[str, Any], dict[str, Any]]:
    folder = PRACTICE / module / slug
    item = yaml.safe_load((folder / "item.yaml").read_text(encoding="utf-8"))
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    return item, gold


class Canvas:
    """Maps image pixels to page coordinates for a freshly fitted workspace canvas."""

    def __init__(self, page: Any, width: int, height: int, index: int = 0) -> None:
        self.page = page
        canvas = page.get_by_test_id("ws-canvas").nth(index)
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        assert box, "the canvas is not visible"
        self.scale = min(box["width"] / width, box["height"] / height)
        self.x0 = box["x"] + (box["width"] - width * self.scale) / 2
        self.y0 = box["y"] + (box["height"] - height * self.scale) / 2

    def at(self, x: float, y: float) -> tuple[float, float]:
        return self.x0 + x * self.scale, self.y0 + y * self.scale

    def click(self, x: float, y: float, shift: bool = False) -> None:
        if shift:
            self.page.keyboard.down("Shift")
        self.page.mouse.click(*self.at(x, y))
        if shift:
            self.page.keyboard.up("Shift")

    def drag(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.page.mouse.move(*self.at(x1, y1))
        self.page.mouse.down()
        self.page.mouse.move(*self.at((x1 + x2) / 2, (y1 + y2) / 2), steps=4)
        self.page.mouse.move(*self.at(x2, y2), steps=4)
        self.page.mouse.up()


def shot(page: Any, name: str) -> None:
    """A full-page screenshot taken from the top (the sticky header stays where it belongs)."""
    page.evaluate("window.scrollTo({top: 0, behavior: 'instant'})")
    page.wait_for_timeout(150)
    screenshot(page, name)


def read_score(page: Any) -> float:
    text = page.get_by_test_id("score").inner_text()
    match = re.search(r"\d+(\.\d+)?", text)
    assert match, text
    return float(match.group())


def submit_and_wait(page: Any) -> float:
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("result")).to_be_visible()
    expect(page.get_by_test_id("score")).to_be_visible()
    return read_score(page)


def test_bbox_draw_label_submit_and_feedback(page: Any) -> None:
    item, gold = item_files("bbox-intro", "bbox-intro-01")
    register(page)
    page.goto("/practice/bbox-intro-01")
    expect(page.get_by_test_id("ws-canvas")).to_be_visible()
    expect(page.get_by_test_id("shortcuts")).to_contain_text("Ctrl+Z")
    canvas = Canvas(page, item["asset"]["width"], item["asset"]["height"])
    label_ids = [label["id"] for label in item["labels"]]

    target = gold["objects"][0]
    x, y, w, h = target["bbox"]
    canvas.drag(x, y, x + w, y + h)
    rows = page.get_by_test_id("object-list").locator("li.ws-row")
    expect(rows).to_have_count(1)
    page.keyboard.press(str(label_ids.index(target["label"]) + 1))  # number key = class
    expect(rows.first.locator("select")).to_have_value(target["label"])

    # a second, wrong box; then undo removes it and redo brings it back, Delete removes it again
    canvas.drag(5, 5, 40, 40)
    expect(rows).to_have_count(2)
    page.keyboard.press("Control+z")
    expect(rows).to_have_count(1)
    page.keyboard.press("Control+Shift+z")
    expect(rows).to_have_count(2)
    canvas.click(20, 20)  # select it
    expect(rows.nth(1)).to_have_class(re.compile("is-selected"))
    page.keyboard.press("Delete")
    expect(rows).to_have_count(1)
    expect(page.get_by_test_id("save-status")).to_have_text("저장됨 ✓")
    shot(page, "practice-bbox-workspace")

    score = submit_and_wait(page)
    assert score > 0
    expect(page.get_by_test_id("legend")).to_contain_text("놓친 정답")
    expect(page.get_by_test_id("feedback")).to_contain_text("지침")
    expect(page.get_by_test_id("metrics")).to_contain_text("평균 IoU")
    shot(page, "practice-bbox-feedback")

    # "Try again" keeps the work: the box is still there and can be resubmitted
    page.get_by_test_id("try-again").click()
    expect(rows).to_have_count(1)
    submit_and_wait(page)
    expect(page.get_by_test_id("result")).to_contain_text("시도 2회")


def test_keypoints_place_points_and_submit(page: Any) -> None:
    item, gold = item_files("motion-keypoints", "motion-keypoints-01")
    register(page)
    page.goto("/practice/motion-keypoints-01")
    expect(page.get_by_test_id("next-point")).to_contain_text("0 · 코")
    canvas = Canvas(page, item["asset"]["width"], item["asset"]["height"])
    keypoints = gold["people"][0]["keypoints"]
    for k in range(len(keypoints) // 3):
        x, y, v = keypoints[3 * k: 3 * k + 3]
        if v == 0:
            page.keyboard.press("s")  # skip: stays v=0
            continue
        canvas.click(x + 1, y + 1, shift=(v == 1))  # Shift+click places a hidden (v=1) point
    expect(page.get_by_test_id("person-tab")).to_have_count(1)
    expect(page.get_by_test_id("next-point")).to_contain_text("모두")
    shot(page, "practice-keypoints-workspace")

    score = submit_and_wait(page)
    assert score >= 80, score
    expect(page.get_by_test_id("verdict")).to_have_text("✔ 통과")
    expect(page.get_by_test_id("legend")).to_contain_text("내 점")
    shot(page, "practice-keypoints-feedback")


def test_transcription_autosave_submit_and_character_diff(page: Any) -> None:
    register(page)
    page.goto("/practice/speech-transcription-intro-01")
    expect(page.get_by_test_id("ws-audio")).to_be_visible()
    expect(page.get_by_role("button", name="1.5×")).to_be_visible()
    page.get_by_role("button", name="1.25×").click()
    expect(page.get_by_role("button", name="1.25×")).to_have_attribute("aria-pressed", "true")
    box = page.get_by_test_id("transcription-input")
    box.fill("오늘 오후부터 비가 온다구 하니 우산 챙기세요")
    expect(page.get_by_test_id("save-status")).to_have_text("저장됨 ✓")
    page.reload()
    expect(page.get_by_test_id("transcription-input")).to_have_value("오늘 오후부터 비가 온다구 하니 우산 챙기세요")
    expect(page.get_by_test_id("save-status")).to_contain_text("불러왔습니다")
    shot(page, "practice-transcription-workspace")

    score = submit_and_wait(page)
    assert 0 <= score <= 100
    diff = page.get_by_test_id("char-diff")
    expect(diff).to_be_visible()
    assert diff.locator("del, ins").count() > 0  # the diff marks what differs
    shot(page, "practice-transcription-feedback")


def test_classification_and_inspection_quick_flows(page: Any) -> None:
    register(page)
    # single-label text classification: number key picks the label
    page.goto("/practice/text-classification-01")
    expect(page.get_by_test_id("label-choices")).to_be_visible()
    page.keyboard.press("1")
    expect(page.get_by_test_id("label-choices").locator("input").first).to_be_checked()
    shot(page, "practice-classification-workspace")
    submit_and_wait(page)
    expect(page.get_by_test_id("verdict")).to_be_visible()
    shot(page, "practice-classification-feedback")

    # multi-label image classification: checkboxes
    page.goto("/practice/image-classification-intermediate-01")
    choices = page.get_by_test_id("label-choices").locator("input[type=checkbox]")
    choices.nth(0).check()
    choices.nth(3).check()
    submit_and_wait(page)
    expect(page.get_by_test_id("metrics")).to_contain_text("F1")

    # inspection of a classification: reject with a reason
    page.goto("/practice/text-classification-intermediate-inspect-01")
    reasons = page.get_by_test_id("reasons").locator("input[type=checkbox]")
    expect(reasons.first).to_be_disabled()
    page.get_by_test_id("decision-reject").check()
    expect(reasons.first).to_be_enabled()
    reasons.first.check()
    shot(page, "practice-inspection-classification-workspace")
    submit_and_wait(page)
    expect(page.get_by_test_id("result")).to_contain_text("정답 판정")
    shot(page, "practice-inspection-classification-feedback")

    # inspection of OCR lines drawn on the image: mark a faulty line from the list
    page.goto("/practice/ocr-intermediate-inspect-01")
    expect(page.get_by_test_id("ws-canvas")).to_be_visible()
    expect(page.get_by_test_id("faulty-0")).to_be_disabled()
    page.get_by_test_id("decision-reject").check()
    page.get_by_test_id("faulty-0").check()
    page.get_by_test_id("reasons").locator("input[type=checkbox]").first.check()
    shot(page, "practice-inspection-ocr-workspace")
    submit_and_wait(page)
    expect(page.get_by_test_id("legend")).to_contain_text("내가 표시한 객체")
    shot(page, "practice-inspection-ocr-feedback")


def test_other_image_types_render(page: Any) -> None:
    register(page)
    item, gold = item_files("ocr-intro", "ocr-intro-01")
    page.goto("/practice/ocr-intro-01")
    canvas = Canvas(page, item["asset"]["width"], item["asset"]["height"])
    line = gold["lines"][0]
    x, y, w, h = line["bbox"]
    canvas.drag(x, y, x + w, y + h)
    expect(page.get_by_test_id("line-text")).to_be_focused()
    page.keyboard.type(line["text"])
    page.keyboard.press("Enter")
    shot(page, "practice-ocr-workspace")
    assert submit_and_wait(page) > 0
    expect(page.get_by_test_id("char-diff").first).to_be_visible()
    shot(page, "practice-ocr-feedback")

    item, gold = item_files("face-landmarks", "face-landmarks-01")
    page.goto("/practice/face-landmarks-01")
    canvas = Canvas(page, item["asset"]["width"], item["asset"]["height"])
    for x, y in gold["points"]:
        canvas.click(x + 1, y)
    expect(page.get_by_test_id("next-point")).to_contain_text("모든 점")
    shot(page, "practice-landmarks-workspace")
    assert submit_and_wait(page) >= 80
    shot(page, "practice-landmarks-feedback")

    page.goto("/practice/text-collection-01")
    inputs = page.get_by_test_id("sentence-input")
    expect(inputs).to_have_count(5)
    inputs.first.fill("배송이 언제 시작되는지 알려 주세요.")
    expect(page.get_by_test_id("sentences")).to_contain_text("20자")
    shot(page, "practice-text-collection-workspace")


MOUNT_POLYGON = """() => {
  const task = JSON.parse(document.getElementById("task-data").textContent);
  const host = document.createElement("div");
  host.id = "api-host";
  document.querySelector(".ws-layout").before(host);
  window.apiBodies = [];
  window.apiWs = AideWorkspace.mount(host, Object.assign({}, task, {type: "polygon", params: {max_objects: 5}}),
    {locale: "en", onChange: (body) => window.apiBodies.push(body)});
}"""

RENDER_POLYGON_RESULT = """() => {
  const task = JSON.parse(document.getElementById("task-data").textContent);
  const body = window.apiWs.getBody();
  const out = document.createElement("section");
  out.id = "api-result";
  document.getElementById("api-host").after(out);
  const gold = [{label: task.labels[0].id, polygon: [90, 90, 210, 90, 210, 210, 90, 210]},
                {label: task.labels[1].id, polygon: [400, 300, 480, 300, 440, 380]}];
  AideWorkspace.renderResult(out, Object.assign({}, task, {type: "polygon"}), {
    score: 42.5, passed: false, metrics: {f1: 0.5, mean_iou: 0.8},
    feedback: [{kind: "missed", index: null, gold_index: 1, message: {ko: "놓침", en: "Gold object #2 was missed."},
                rule: {ko: "누락 금지", en: "Label every object the guideline covers (no misses)."}}],
    overlay: {gold: gold, matches: [{index: 0, gold_index: 0, iou: 0.8, label_ok: true}], missed: [1], extra: []},
    submission: body}, "en");
}"""


def test_polygon_editor_and_result_through_the_mount_api(page: Any) -> None:
    register(page)
    page.goto("/practice/bbox-intro-01")
    expect(page.get_by_test_id("ws-canvas")).to_have_count(1)
    page.evaluate(MOUNT_POLYGON)
    host = page.locator("#api-host")
    expect(host.get_by_test_id("object-list")).to_contain_text("No objects yet")
    canvas = Canvas(page, 640, 480, index=0)
    for x, y in [(100, 100), (200, 100), (200, 200), (100, 200)]:
        canvas.click(x, y)
    page.keyboard.press("Enter")
    expect(host.get_by_test_id("object-list").locator("li.ws-row")).to_have_count(1)
    body = page.evaluate("window.apiWs.getBody()")
    assert body["objects"][0]["polygon"] == [100, 100, 200, 100, 200, 200, 100, 200]
    # drag a vertex of the (selected) polygon, then undo it
    canvas.drag(200, 200, 220, 230)
    assert page.evaluate("window.apiWs.getBody()")["objects"][0]["polygon"][4:6] == [220, 230]
    page.keyboard.press("Control+z")
    assert page.evaluate("window.apiWs.getBody()")["objects"][0]["polygon"][4:6] == [200, 200]
    assert page.evaluate("window.apiBodies.length") >= 3
    page.evaluate(RENDER_POLYGON_RESULT)
    result = page.locator("#api-result")
    expect(result.get_by_test_id("score")).to_contain_text("42.5")
    expect(result.get_by_test_id("legend")).to_contain_text("Missed gold")
    expect(result.get_by_test_id("feedback")).to_contain_text("Guideline")
    shot(page, "practice-polygon-api")
    page.evaluate("window.apiWs.destroy()")
    expect(page.locator("#api-host .ws-root")).to_have_count(0)


def test_workspace_fits_a_phone(page: Any) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    register(page)
    for slug in ("bbox-intro-01", "skeleton-extraction-02", "audio-classification-01"):
        page.goto(f"/practice/{slug}")
        expect(page.get_by_test_id("workspace")).to_be_visible()
        page.wait_for_timeout(200)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{slug} scrolls sideways on a phone: {width}px"
    page.goto("/practice/bbox-intro-01")
    page.get_by_test_id("ws-canvas").scroll_into_view_if_needed()
    shot(page, "practice-bbox-workspace-390")
    screenshot(page, "practice-bbox-workspace-390-view", full_page=False)


MOUNT_REVIEW = """(task) => {
  const host = document.createElement("div");
  host.id = "review-host";
  document.querySelector(".ws-layout").before(host);
  window.reviewWs = AideWorkspace.mount(host, task, {locale: "ko", onChange: () => {}});
}"""


@pytest.mark.parametrize(("slug", "kind"), [("x1-insp-pt-046", "landmarks"), ("x1-insp-box-024", "polygon")])
def test_inspection_of_landmarks_and_polygons_marks_faulty_objects(page: Any, live_server: Any, slug: str,
                                                                   kind: str) -> None:
    """Exam inspection items review landmark points and polygons: both are drawn and clickable."""
    from sqlalchemy import select

    from app.practice import service as practice_service
    from app.practice.models import LabelItem

    with live_server.app.state.sessionmaker() as session:
        item = session.scalar(select(LabelItem).where(LabelItem.slug == slug))
        task = practice_service.public_item(item, "ko")
        gold = dict(item.gold)
        faulty = list(gold.get("faulty_objects") or [])
    assert task["params"]["review"]["type"] == kind and faulty
    register(page)
    page.goto("/practice/bbox-intro-01")
    # the exam asset is served only inside an attempt; any image of the same size will do here
    task["asset"]["url"] = "data:image/svg+xml," + (
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{task['asset']['width']}' "
        f"height='{task['asset']['height']}'><rect width='100%' height='100%' fill='%23ddd'/></svg>")
    page.evaluate(MOUNT_REVIEW, task)
    host = page.locator("#review-host")
    review = task["params"]["review"]
    objects = review["points"] if kind == "landmarks" else review["objects"]
    expect(host.get_by_test_id("review-list").locator("li")).to_have_count(len(objects))
    host.get_by_test_id("decision-reject").check()
    target = faulty[0]
    if kind == "landmarks":
        x, y = objects[target]
    else:
        coords = objects[target]["polygon"]
        xs, ys = coords[0::2], coords[1::2]
        x, y = sum(xs) / len(xs), sum(ys) / len(ys)
    canvas = Canvas(page, task["asset"]["width"], task["asset"]["height"], index=0)  # mounted first
    canvas.click(x, y)
    body = page.evaluate("window.reviewWs.getBody()")
    assert body["decision"] == "reject" and target in body["faulty_objects"]
    shot(page, f"practice-inspection-{kind}-review")
    # the feedback view draws the same review with the gold faults marked
    from app.practice import scoring

    result = {**scoring.score("inspection", gold, body, task["params"]).to_dict(), "submission": body}
    page.evaluate("""([task, result]) => {
      const out = document.createElement("section");
      out.id = "review-result";
      document.getElementById("review-host").after(out);
      AideWorkspace.renderResult(out, task, result, "ko");
    }""", [task, result])
    expect(page.locator("#review-result").get_by_test_id("legend")).to_be_visible()
    shot(page, f"practice-inspection-{kind}-result")
