"""Document scenes for the OCR generator: receipts, forms, notices, signs, labels, cards.

Each layout paints its background and graphics (paper, rules, barcodes, stamps' frames,
sticky notes) with Pillow and returns the text lines placed on it; ocr_render inks them.
Graphics are never text: logos, barcodes and rules carry no gold line.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from tools.generators.ocr_render import INK_THRESHOLD, Line

RGB = tuple[int, int, int]


@dataclass
class Scene:
    """A painted canvas plus the text lines to ink on it (in reading order)."""

    canvas: Image.Image
    lines: list[Line]
    kind: str  # receipt | form | notice | sign | label | card
    title_ko: str
    title_en: str


# ---------------------------------------------------------------- content pools

PEOPLE = ["김민지", "이서준", "박지호", "최수아", "정하은", "강도윤", "윤서연", "임준우", "한예린", "오승현"]
SHOPS = {
    "cafe": (
        ["카페 온새미로", "달빛커피 합정점", "BEAN BROS 성수점", "카페 느린오후"],
        [
            ("아메리카노(ICE)", 4500),
            ("카페라떼", 5000),
            ("바닐라라떼", 5500),
            ("녹차 프라페", 6300),
            ("크로플", 4800),
            ("치즈케이크", 6500),
            ("레몬에이드", 5800),
        ],
    ),
    "bakery": (
        ["햇살베이커리", "밀과보리 제과점", "빵굽는마을 2호점"],
        [
            ("소금빵", 3200),
            ("크루아상", 3800),
            ("단팥빵", 2500),
            ("우유식빵", 4900),
            ("마늘바게트", 5200),
            ("에그타르트", 2800),
        ],
    ),
    "mart": (
        ["동네마트 신림점", "알뜰마트 24시", "싱싱마트 연희점"],
        [
            ("라면 5입", 4480),
            ("흰우유 1L", 2980),
            ("계란 30구", 7990),
            ("두부 300g", 1500),
            ("생수 2L x6", 5900),
            ("햇반 210g", 1700),
        ],
    ),
    "snack": (
        ["분식나라", "엄마손 김밥", "떡볶이공방"],
        [("떡볶이", 4500), ("참치김밥", 4000), ("순대", 5000), ("튀김 3종", 4000), ("라볶이", 5500)],
    ),
}
RECEIPT_NOTES = [
    "팀 회의 간식",
    "법인카드 사용",
    "영수증 제출 완료",
    "김대리님 확인!",
    "3/15 워크숍",
    "정산 요청함",
    "개인 지출 X",
]
STAMPS = ["결제완료", "PAID", "확인필", "정산완료"]
NOTICES = [
    (
        "엘리베이터 정기 점검 안내",
        ["일시: {date} 10:00~12:00", "점검 중에는 계단을 이용해 주세요.", "문의: 관리사무소 031-555-0142"],
    ),
    ("단수 안내", ["{date} 09:00부터 약 3시간", "배관 교체 공사로 물이 나오지 않습니다.", "불편을 드려 죄송합니다."]),
    ("분리수거 요일 변경", ["매주 화·금에서 월·목으로 변경", "시행일: {date}", "재활용품은 19시 이후 배출"]),
    ("주차장 도색 공사", ["기간: {date}~ (2일간)", "B1·B2 주차 불가", "차량은 지상 주차장 이용 바람"]),
]
NOTE_MEMOS = [
    ["4층 택배는", "경비실에!"],
    ["402호", "확인했어요 :)"],
    ["물 미리 받아두기!!"],
    ["B1 차 빼기", "7시 전까지"],
    ["회의실 예약 3시"],
]
PRODUCTS = [
    ("유기농 현미 누룽지", "내용량 500g (1,850kcal)", "원산지: 국내산 100%", 12900),
    ("제주 감귤 주스", "용량 1.5L / 과즙 100%", "원산지: 제주 서귀포", 6480),
    ("국산콩 두부 부침용", "내용량 300g (255kcal)", "원산지: 국산 콩 100%", 2350),
    ("HONEY 통밀 크래커", "내용량 240g (8봉입)", "Made in Korea", 3980),
    ("저당 그릭요거트", "내용량 450g / 단백질 9g", "원산지: 국내산 원유", 5700),
]
SIGNS = [
    ("햇살 베이커리", "SUNNY BAKERY since 2009"),
    ("온누리 약국", "PHARMACY · 연중무휴"),
    ("바른 정형외과", "Orthopedics Clinic"),
    ("청춘 떡볶이", "분식 전문점 · 포장 OK"),
    ("하늘 문구", "Stationery & Gift"),
    ("다온 헤어살롱", "HAIR SALON 2F"),
]
SIGN_EXTRA = [
    "TEL 031-555-0142",
    "영업시간 09:00~21:00",
    "전화 02-336-7781",
    "매주 월요일 휴무",
    "OPEN 10:30 - CLOSE 22:00",
]
COMPANIES = [
    ("주식회사 데이터랩", "Data Labeling Team"),
    ("(주)한빛에이아이", "AI Quality Division"),
    ("오름소프트", "Vision Data Center"),
]
TITLES = ["선임연구원", "데이터 매니저", "검수 팀장", "PM / 기획"]
FORMS = [
    (
        "방문자 출입 신청서",
        [
            ("성명", "{name}"),
            ("연락처", "010-{p1}-{p2}"),
            ("방문 일자", "{y}. {m}. {d} ({wd})"),
            ("방문 목적", "엘리베이터 점검"),
        ],
    ),
    (
        "물품 대여 신청서",
        [
            ("성명", "{name}"),
            ("소속", "데이터품질팀"),
            ("대여 물품", "노트북 2대, 충전기"),
            ("반납 예정일", "{m}/{d} 오후 3시"),
        ],
    ),
    (
        "자원봉사 참가 신청서",
        [
            ("성명", "{name}"),
            ("생년월일", "{by}.0{bm}.{bd}"),
            ("희망 활동일", "매주 토요일 오전"),
            ("참가 동기", "봉사시간 20시간 채우기"),
        ],
    ),
    (
        "택배 보관 신청서",
        [
            ("수령인", "{name}"),
            ("동·호수", "103동 1204호"),
            ("보관 기간", "{m}/{d} ~ {m}/{d2}"),
            ("요청 사항", "냉장 보관 부탁드립니다"),
        ],
    ),
]
WEEKDAYS = ["월", "화", "수", "목", "금", "토", "일"]


def _date(rng: random.Random) -> tuple[int, int, int, str]:
    y = rng.choice([2023, 2024, 2025])
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    wd = WEEKDAYS[datetime.date(y, m, d).weekday()]
    return y, m, d, wd


# ---------------------------------------------------------------- painters


def _noise_texture(rng: random.Random, w: int, h: int, base: RGB, amp: float, streak: bool) -> Image.Image:
    """A flat colour with low-frequency texture (wood grain when streak=True)."""
    g = np.random.default_rng(rng.randrange(2**32))
    small = g.normal(0, 1, (max(2, h // 16), max(2, w // 16))).astype(np.float32)
    tex = (
        np.asarray(
            Image.fromarray(((small - small.min()) / (np.ptp(small) + 1e-6) * 255).astype(np.uint8)).resize(
                (w, h), Image.Resampling.BICUBIC
            ),
            dtype=np.float32,
        )
        / 255.0
        - 0.5
    )
    if streak:
        yy = np.arange(h, dtype=np.float32)[:, None]
        xx = np.arange(w, dtype=np.float32)[None, :]
        phase = g.uniform(0, 6.28)
        tex = tex * 0.6 + 0.4 * np.sin(yy / g.uniform(5, 9) + np.sin(xx / 90 + phase) * 2.5 + tex * 3)
    arr = np.asarray(base, np.float32)[None, None, :] * (1 + amp * tex[..., None])
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def _shadowed_rect(img: Image.Image, box: tuple[int, int, int, int], fill: RGB, radius: int = 0) -> None:
    """Paste a filled (rounded) rectangle with a soft drop shadow."""
    shadow = Image.new("L", img.size, 0)
    x0, y0, x1, y1 = box
    ImageDraw.Draw(shadow).rounded_rectangle((x0 + 5, y0 + 7, x1 + 5, y1 + 7), radius=radius + 4, fill=120)
    shadow = shadow.filter(ImageFilter.GaussianBlur(7))
    dark = Image.new("RGB", img.size, (20, 18, 16))
    img.paste(dark, (0, 0), shadow)
    ImageDraw.Draw(img).rounded_rectangle(box, radius=radius, fill=fill)


def _trim_paper(
    img: Image.Image,
    bg: Image.Image,
    box: tuple[int, int, int, int],
    bottom: int,
    margin: int,
    rng: random.Random,
    fill: RGB,
) -> Image.Image:
    """Shorten a drawn paper to end at `bottom` and crop the photo `margin` px below it."""
    x0, y0, x1, _ = box
    out = bg.crop((0, 0, img.width, bottom + margin))
    _shadowed_rect(out, (x0, y0, x1, bottom), fill)
    out.paste(img.crop((x0, y0, x1 + 1, bottom - 1)), (x0, y0))
    return out


def _paper_texture(img: Image.Image, box: tuple[int, int, int, int], rng: random.Random, fill: RGB) -> None:
    """Subtle fibre texture inside a paper rectangle."""
    x0, y0, x1, y1 = box
    tex = _noise_texture(rng, x1 - x0, y1 - y0, fill, 0.025, False)
    img.paste(tex, (x0, y0))


def _dashes(draw: ImageDraw.ImageDraw, x0: int, x1: int, y: int, color: RGB = (90, 90, 90)) -> None:
    for x in range(x0, x1 - 4, 9):
        draw.line((x, y, x + 5, y), fill=color, width=1)


def _barcode(draw: ImageDraw.ImageDraw, x: int, y: int, w: int, h: int, rng: random.Random) -> None:
    cursor = x
    while cursor < x + w - 3:
        bar = rng.choice([1, 1, 2, 3])
        if rng.random() < 0.55:
            draw.rectangle((cursor, y, cursor + bar - 1, y + h), fill=(30, 30, 30))
        cursor += bar + rng.choice([1, 2])


def rotate_offset(dx: float, dy: float, angle: float) -> tuple[float, float]:
    """Rotate an image-space offset counter-clockwise (as PIL's rotate does) by angle degrees."""
    t = math.radians(angle)
    return dx * math.cos(t) + dy * math.sin(t), -dx * math.sin(t) + dy * math.cos(t)


def rotated_extent(line: Line, angle: float) -> tuple[int, int]:
    """Width and height of a line's ink after rotation (for free-space placement)."""
    layer = line.layer.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    arr = np.asarray(layer)
    ys, xs = np.nonzero(arr >= INK_THRESHOLD)
    return int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)


def _rot_poly(cx: float, cy: float, w: float, h: float, angle: float) -> list[tuple[float, float]]:
    pts = []
    for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        rx, ry = rotate_offset(dx, dy, angle)
        pts.append((cx + rx, cy + ry))
    return pts


# ---------------------------------------------------------------- layouts


def _hand_color(rng: random.Random) -> RGB:
    return rng.choice([(28, 48, 140), (20, 20, 24), (35, 60, 160), (60, 30, 110)])


def receipt(rng: random.Random, level: int) -> Scene:
    """A shop receipt on a table; level 2 adds a hand-written note and a rotated stamp."""
    shop_kind = rng.choice(sorted(SHOPS))
    names, menu = SHOPS[shop_kind]
    width, height = 540, 780
    img = _noise_texture(rng, width, height, rng.choice([(150, 108, 70), (120, 86, 58), (170, 160, 150)]), 0.18, True)
    bg = img.copy()
    pw = rng.randint(350, 380)
    px0 = (width - pw) // 2 + rng.randint(-20, 20)
    py0 = rng.randint(18, 34)
    ph = height - py0 - rng.randint(18, 34)
    paper = (252, 251, 246)
    _shadowed_rect(img, (px0, py0, px0 + pw, py0 + ph), paper)
    _paper_texture(img, (px0, py0, px0 + pw, py0 + ph), rng, paper)
    draw = ImageDraw.Draw(img)
    cx = px0 + pw / 2
    left = px0 + 22
    lines: list[Line] = []
    y = py0 + 26
    store = Line(rng.choice(names), "gothic_xb", 27).build(rng).centred(cx, y)
    lines.append(store)
    y += store.h + 12
    tel = (
        Line(f"TEL 0{rng.choice([2, 31, 32, 51])}-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}", "gothic", 18)
        .build(rng)
        .centred(cx, y)
    )
    lines.append(tel)
    y += tel.h + 12
    yy, mm, dd, _ = _date(rng)
    stamp_time = f"{rng.randint(9, 21):02d}:{rng.randint(0, 59):02d}"
    date_text = rng.choice([f"{yy}-{mm:02d}-{dd:02d} {stamp_time}", f"{yy}.{mm:02d}.{dd:02d} {stamp_time}"])
    date = Line(date_text, "coding", 18).build(rng).at(left, y)
    lines.append(date)
    y += date.h + 14
    _dashes(draw, left, px0 + pw - 22, int(y))
    y += 14
    n_items = 2 if level == 2 else rng.randint(2, 3)
    total = 0
    for name, price in rng.sample(menu, n_items):
        qty = rng.choice([1, 1, 2, 3])
        total += qty * price
        item = Line(f"{name} x{qty} {qty * price:,}", "gothic", 19).build(rng).at(left, y)
        lines.append(item)
        y += item.h + 13
    _dashes(draw, left, px0 + pw - 22, int(y))
    y += 14
    total_text = rng.choice([f"합계 ₩{total:,}", f"합계금액 {total:,}원", f"TOTAL {total:,}원"])
    tot = Line(total_text, "gothic_b", 21).build(rng).at(left, y)
    lines.append(tot)
    y += tot.h + 12
    pay_text = rng.choice(
        [f"신용카드 ****-{rng.randint(1000, 9999)} 일시불", f"현금 {total + 1000 - total % 1000:,}", "카카오페이 승인"]
    )
    pay = Line(pay_text, "gothic", 18).build(rng).at(left, y)
    lines.append(pay)
    y += pay.h + 18
    _barcode(draw, left + 10, int(y), pw - 64, 40, rng)
    y += 58
    if level == 2:
        note = Line(
            rng.choice(RECEIPT_NOTES),
            rng.choice(["pen", "barunpen"]),
            rng.choice([30, 32]),
            color=_hand_color(rng),
            hand=True,
        ).build(rng)
        note.angle = rng.choice([-1, 1]) * rng.uniform(4, 8)
        wr, hr = rotated_extent(note, note.angle)
        note.at(left + 6 + (wr - note.w) / 2, y + (hr - note.h) / 2 + 4)
        lines.append(note)
        stamp = Line(
            rng.choice(STAMPS), rng.choice(["myeongjo_xb", "square_eb"]), 24, color=(205, 35, 40), opacity=0.82
        ).build(rng)
        stamp.angle = rng.choice([-1, 1]) * rng.uniform(9, 16)
        # the stamp sits in the empty space right of the date line, framed
        sw, sh = rotated_extent(stamp, stamp.angle)
        scx = px0 + pw - 24 - sw / 2 - 10
        scy = tot.y + tot.h / 2 - 2
        if scx - sw / 2 - 12 < max(tot.x + tot.w, pay.x + pay.w):
            scy = y + 20 + sh / 2
            scx = px0 + pw - 30 - sw / 2
        stamp.at(scx - stamp.w / 2, scy - stamp.h / 2)
        frame = _rot_poly(scx, scy, stamp.w + 18, stamp.h + 16, stamp.angle)
        draw.polygon(frame, outline=(210, 60, 60), width=3)
        lines.append(stamp)
        y = int(max(y + 70, scy + 50))
    img = _trim_paper(img, bg, (px0, py0, px0 + pw, py0 + ph), int(y + 10), rng.randint(18, 34), rng, paper)
    return Scene(img, lines, "receipt", "영수증", "Receipt")


def form(rng: random.Random, level: int) -> Scene:
    """A printed application form filled in by hand (values slightly tilted)."""
    title, rows = rng.choice(FORMS)
    yy, mm, dd, wd = _date(rng)
    fill = {
        "name": rng.choice(PEOPLE),
        "p1": rng.randint(2000, 9899),
        "p2": rng.randint(1000, 9999),
        "y": yy,
        "m": mm,
        "d": dd,
        "wd": wd,
        "d2": min(dd + rng.randint(2, 9), 30),
        "by": rng.randint(1975, 2004),
        "bm": rng.randint(1, 9),
        "bd": rng.randint(10, 28),
    }
    width, height = 640, 620
    img = _noise_texture(rng, width, height, rng.choice([(120, 124, 130), (96, 104, 98), (150, 140, 128)]), 0.12, False)
    bg = img.copy()
    px0, py0 = rng.randint(24, 40), rng.randint(18, 30)
    px1, py1 = width - rng.randint(24, 40), height - rng.randint(18, 30)
    paper = (250, 250, 248)
    _shadowed_rect(img, (px0, py0, px1, py1), paper)
    _paper_texture(img, (px0, py0, px1, py1), rng, paper)
    draw = ImageDraw.Draw(img)
    cx = (px0 + px1) / 2
    lines: list[Line] = []
    head = Line(title, "myeongjo_xb", 30).build(rng).centred(cx, py0 + 34)
    lines.append(head)
    tx0, tx1 = px0 + 30, px1 - 30
    split = tx0 + 150
    row_h = 74
    ty = int(head.y + head.h + 34)
    hand_font = rng.choice(["pen", "barunpen"])
    hand_size = 34 if hand_font == "pen" else 25
    ink = _hand_color(rng)
    draw.rectangle((tx0, ty, split, ty + row_h * len(rows)), fill=(236, 239, 244))
    for i, (label, value) in enumerate(rows):
        r0 = ty + i * row_h
        lab = Line(label, "gothic_b", 19).build(rng)
        lab.centred((tx0 + split) / 2, r0 + (row_h - lab.h) / 2)
        lines.append(lab)
        val = Line(value.format(**fill), hand_font, hand_size, color=ink, hand=True).build(rng)
        if level == 2 and rng.random() < 0.7:
            val.angle = rng.uniform(-3.5, 3.5)
        val.at(split + 18 + rng.uniform(0, 20), r0 + (row_h - val.h) / 2 + rng.uniform(-3, 3))
        lines.append(val)
    for i in range(len(rows) + 1):
        draw.line((tx0, ty + i * row_h, tx1, ty + i * row_h), fill=(60, 60, 70), width=2)
    draw.line((tx0, ty, tx0, ty + row_h * len(rows)), fill=(60, 60, 70), width=2)
    draw.line((split, ty, split, ty + row_h * len(rows)), fill=(60, 60, 70), width=2)
    draw.line((tx1, ty, tx1, ty + row_h * len(rows)), fill=(60, 60, 70), width=2)
    foot = Line("위 내용이 사실임을 확인합니다.", "myeongjo", 18).build(rng)
    foot.centred(cx, ty + row_h * len(rows) + 34)
    lines.append(foot)
    img = _trim_paper(img, bg, (px0, py0, px1, py1), int(foot.y + foot.h + 44), rng.randint(18, 30), rng, paper)
    return Scene(img, lines, "form", "신청서 양식", "Application form")


def notice(rng: random.Random, level: int) -> Scene:
    """A notice pinned to a cork board; level 2 adds a rotated hand-written sticky note."""
    title, body = rng.choice(NOTICES)
    yy, mm, dd, wd = _date(rng)
    date_text = f"{yy}년 {mm}월 {dd}일({wd})"
    width, height = 640, 520
    img = _noise_texture(rng, width, height, (178, 132, 88), 0.3, False)
    pw = rng.randint(370, 390) if level == 2 else rng.randint(470, 520)
    px0 = 30 if level == 2 else (width - pw) // 2
    py0, py1 = 30, height - 30
    paper = rng.choice([(252, 252, 250), (250, 248, 236)])
    _shadowed_rect(img, (px0, py0, px0 + pw, py1), paper)
    _paper_texture(img, (px0, py0, px0 + pw, py1), rng, paper)
    draw = ImageDraw.Draw(img)
    for pin_x in (px0 + 18, px0 + pw - 18):
        draw.ellipse((pin_x - 7, py0 + 6, pin_x + 7, py0 + 20), fill=rng.choice([(200, 40, 40), (40, 90, 200)]))
    cx = px0 + pw / 2
    lines: list[Line] = []
    head_word = Line("공지사항", "gothic_xb", 22, color=(170, 30, 30)).build(rng).centred(cx, py0 + 34)
    lines.append(head_word)
    head = Line(title, "gothic_xb", 28).build(rng).centred(cx, head_word.y + head_word.h + 16)
    lines.append(head)
    y = head.y + head.h + 20
    draw.line((px0 + 30, y, px0 + pw - 30, y), fill=(80, 80, 80), width=2)
    y += 24
    n_body = len(body) if level == 2 else rng.randint(1, len(body))
    for text in body[:n_body]:
        ln = Line(text.format(date=date_text), "gothic", 19 if level == 2 else 20).build(rng).at(px0 + 30, y)
        if ln.w > pw - 50:
            ln = Line(text.format(date=date_text), "gothic", 17).build(rng).at(px0 + 26, y)
        lines.append(ln)
        y += ln.h + 22
    if level == 2:
        memo = rng.choice(NOTE_MEMOS)
        angle = rng.choice([-1, 1]) * rng.uniform(5, 10)
        note_w, note_h = 176, 150
        ncx = px0 + pw + (width - px0 - pw) / 2 + rng.uniform(-4, 4)
        ncy = rng.uniform(140, height - 140)
        shadow_pts = _rot_poly(ncx + 4, ncy + 6, note_w, note_h, angle)
        shadow = Image.new("L", img.size, 0)
        ImageDraw.Draw(shadow).polygon(shadow_pts, fill=110)
        img.paste(Image.new("RGB", img.size, (40, 30, 20)), (0, 0), shadow.filter(ImageFilter.GaussianBlur(5)))
        draw = ImageDraw.Draw(img)
        draw.polygon(
            _rot_poly(ncx, ncy, note_w, note_h, angle),
            fill=rng.choice([(252, 236, 120), (250, 200, 210), (190, 235, 200)]),
        )
        ink = _hand_color(rng)
        font_key = rng.choice(["pen", "brush"])
        built = [Line(t, font_key, 32, color=ink, hand=True).build(rng) for t in memo]
        step = 46
        oy0 = -step * (len(built) - 1) / 2
        for k, ln in enumerate(built):
            ox, oy = rotate_offset(0, oy0 + k * step, angle)
            ln.angle = angle
            ln.at(ncx + ox - ln.w / 2, ncy + oy - ln.h / 2)
            lines.append(ln)
        sign = Line("- 관리사무소 -", "myeongjo_b", 18).build(rng)
        sign.centred(cx, py1 - 30 - sign.h)
        lines.append(sign)
    return Scene(img, lines, "notice", "게시판 공지문", "Notice board")


def sign(rng: random.Random, level: int) -> Scene:
    """A shop sign above a storefront (straight printed lines)."""
    name, sub = rng.choice(SIGNS)
    width, height = 680, 460
    img = Image.new("RGB", (width, height))
    sky = np.linspace(0, 1, 120, dtype=np.float32)[:, None, None]
    top, bottom = np.array([120, 170, 225], np.float32), np.array([190, 215, 240], np.float32)
    img.paste(Image.fromarray((top * (1 - sky) + bottom * sky).repeat(width, 1).astype(np.uint8)), (0, 0))
    wall = _noise_texture(
        rng, width, height - 90, rng.choice([(196, 186, 170), (160, 100, 80), (205, 205, 200)]), 0.12, False
    )
    img.paste(wall, (0, 90))
    draw = ImageDraw.Draw(img)
    if rng.random() < 0.5:  # brick courses
        for yb in range(100, height, 22):
            draw.line((0, yb, width, yb), fill=(150, 120, 100), width=1)
    board_color = rng.choice([(30, 70, 60), (150, 30, 40), (25, 45, 95), (250, 250, 245), (60, 60, 64)])
    text_color = (250, 246, 230) if sum(board_color) < 500 else (30, 40, 60)
    bx0, by0, bx1, by1 = 30, 120, width - 30, 330
    _shadowed_rect(img, (bx0, by0, bx1, by1), board_color, radius=10)
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((bx0 + 6, by0 + 6, bx1 - 6, by1 - 6), radius=8, outline=text_color, width=2)
    # logo: a plain emblem (graphics only)
    lx, ly = bx0 + 70, (by0 + by1) // 2 - 20
    draw.ellipse((lx - 38, ly - 38, lx + 38, ly + 38), outline=text_color, width=4)
    draw.polygon([(lx - 18, ly + 16), (lx, ly - 22), (lx + 18, ly + 16)], fill=text_color)
    # awning below
    for k, xa in enumerate(range(0, width, 40)):
        draw.polygon(
            [(xa, 350), (xa + 40, 350), (xa + 40, 390), (xa, 380 + 10 * (k % 2))],
            fill=(200, 50, 50) if k % 2 else (245, 245, 245),
        )
    lines: list[Line] = []
    cx = (bx0 + 130 + bx1) / 2
    big = Line(name, rng.choice(["square_eb", "round_eb", "gothic_xb"]), 56, color=text_color).build(rng)
    if big.w > bx1 - bx0 - 170:
        big = Line(name, big.font_key, 46, color=text_color).build(rng)
    extra_n = rng.randint(0, 2) if level == 1 else 2
    block = [big, Line(sub, "square_b", 24, color=text_color).build(rng)]
    for text in rng.sample(SIGN_EXTRA, extra_n):
        block.append(Line(text, "square_r", 18, color=text_color).build(rng))
    total_h = sum(ln.h for ln in block) + 14 * (len(block) - 1)
    y = (by0 + by1) / 2 - total_h / 2
    for ln in block:
        ln.centred(cx, y)
        lines.append(ln)
        y += ln.h + 14
    return Scene(img, lines, "sign", "상점 간판", "Shop sign")


def label(rng: random.Random, level: int) -> Scene:
    """A product label on a kraft package; level 2 adds a rotated discount sticker."""
    name, spec, origin, price = rng.choice(PRODUCTS)
    yy = rng.choice([2025, 2026])
    width, height = 620, 500
    img = _noise_texture(
        rng, width, height, rng.choice([(190, 150, 105), (205, 170, 120), (120, 150, 120)]), 0.15, True
    )
    lx0, ly0, lx1, ly1 = 40, 40, 440 if level == 2 else width - 60, height - 40
    _shadowed_rect(img, (lx0, ly0, lx1, ly1), (250, 249, 244), radius=14)
    draw = ImageDraw.Draw(img)
    band = rng.choice([(40, 110, 70), (180, 60, 40), (40, 70, 140)])
    draw.rounded_rectangle((lx0, ly0, lx1, ly0 + 86), radius=14, fill=band)
    draw.rectangle((lx0, ly0 + 60, lx1, ly0 + 86), fill=band)
    lines: list[Line] = []
    title = Line(name, "gothic_xb", 30, color=(255, 255, 255)).build(rng)
    if title.w > lx1 - lx0 - 40:
        title = Line(name, "gothic_xb", 25, color=(255, 255, 255)).build(rng)
    title.centred((lx0 + lx1) / 2, ly0 + 43 - title.h / 2)
    lines.append(title)
    y = ly0 + 116
    body = [spec, f"유통기한: {yy}.{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}까지", origin]
    if level == 1:
        body = body[: rng.randint(1, 3)]
    for text in body:
        ln = Line(text, "barun", 20).build(rng).at(lx0 + 30, y)
        lines.append(ln)
        y += ln.h + 20
    price_line = Line(f"₩{price:,}", "gothic_xb", 40, color=(200, 30, 30)).build(rng)
    price_line.right(lx1 - 30, ly1 - 30 - price_line.h)
    lines.append(price_line)
    _barcode(draw, lx0 + 30, int(ly1 - 80), 130, 50, rng)
    if level == 2:
        pct = rng.choice([10, 20, 30])
        angle = rng.choice([-1, 1]) * rng.uniform(8, 14)
        scx, scy, r = 530, rng.uniform(170, 300), 78
        draw.ellipse((scx - r + 4, scy - r + 6, scx + r + 4, scy + r + 6), fill=(60, 40, 20))
        draw.ellipse((scx - r, scy - r, scx + r, scy + r), fill=(255, 215, 40), outline=(230, 120, 20), width=4)
        sticker = [
            Line(f"{pct}% 할인", "gothic_xb", 24, color=(190, 20, 30)).build(rng),
            Line(f"₩{round(price * (100 - pct) / 100, -1):,.0f}", "gothic_b", 22, color=(30, 30, 30)).build(rng),
        ]
        hand = Line(rng.choice(["마감 세일!", "1+1 아님", "오늘만"]), "pen", 30, color=(20, 20, 24), hand=True).build(
            rng
        )
        for ln, oy in zip(sticker, (-17, 19), strict=True):
            ox, oyr = rotate_offset(0, oy, angle)
            ln.angle = angle
            ln.at(scx + ox - ln.w / 2, scy + oyr - ln.h / 2)
            lines.append(ln)
        hand.angle = -angle * 0.5
        hy = scy + r + 24 if scy < 250 else scy - r - 54
        hand.at(scx - hand.w / 2, hy)
        lines.append(hand)
    return Scene(img, lines, "label", "상품 라벨", "Product label")


def card(rng: random.Random, level: int) -> Scene:
    """A business card on a desk (straight printed lines)."""
    company, team = rng.choice(COMPANIES)
    person = rng.choice(PEOPLE)
    width, height = 640, 420
    img = _noise_texture(rng, width, height, rng.choice([(70, 72, 80), (50, 60, 58), (96, 80, 70)]), 0.2, True)
    cx0, cy0, cx1, cy1 = 60, 55, width - 60, height - 55
    card_fill = rng.choice([(250, 250, 250), (244, 240, 230)])
    _shadowed_rect(img, (cx0, cy0, cx1, cy1), card_fill, radius=6)
    draw = ImageDraw.Draw(img)
    accent = rng.choice([(0, 110, 190), (200, 80, 30), (20, 140, 110)])
    draw.rectangle((cx0, cy0, cx0 + 14, cy1), fill=accent)
    draw.rectangle((cx1 - 90, cy0 + 30, cx1 - 40, cy0 + 80), outline=accent, width=5)
    lines: list[Line] = []
    x = cx0 + 44
    comp = Line(company, "gothic_b", 20, color=accent).build(rng).at(x, cy0 + 32)
    lines.append(comp)
    nm = Line(f"{person} {rng.choice(TITLES)}", "gothic_xb", 30).build(rng).at(x, comp.y + comp.h + 34)
    lines.append(nm)
    rest = [
        team,
        f"M. 010-{rng.randint(2000, 9899)}-{rng.randint(1000, 9999)}",
        f"E. {rng.choice(['data', 'hello', 'qa', 'label'])}{rng.randint(1, 99)}"
        f"@{rng.choice(['datalab.kr', 'hanbit.ai', 'orum.co.kr'])}",
    ]
    k = rng.randint(1, 3)
    y = nm.y + nm.h + 30
    for text in rest[:k]:
        ln = Line(text, "barun", 18, color=(60, 60, 66)).build(rng).at(x, y)
        lines.append(ln)
        y += ln.h + 14
    return Scene(img, lines, "card", "명함", "Business card")


LAYOUTS = {"receipt": receipt, "form": form, "notice": notice, "sign": sign, "label": label, "card": card}


def finish(canvas: np.ndarray, rng: random.Random) -> Image.Image:
    """Photographic finish: uneven light, slight blur and sensor noise."""
    h, w = canvas.shape[:2]
    g = np.random.default_rng(rng.randrange(2**32))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    lx, ly = rng.uniform(0, w), rng.uniform(0, h)
    dist = np.sqrt((xx - lx) ** 2 + (yy - ly) ** 2) / max(w, h)
    light = 1.04 - rng.uniform(0.08, 0.16) * dist
    out = np.clip(canvas * light[..., None], 0, 255).astype(np.uint8)
    img = Image.fromarray(out, "RGB").filter(ImageFilter.GaussianBlur(rng.uniform(0.45, 0.8)))
    arr = np.asarray(img, np.float32) + g.normal(0, 2.6, (h, w, 1)).astype(np.float32)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")
