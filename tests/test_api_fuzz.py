"""Property-based fuzzing of the JSON API, driven by the app's own OpenAPI document.

Every documented operation is fuzzed: each /api/v1 route, plus /healthz and /.well-known/did.json
(they take no input, but still get junk query strings, headers and bodies). No operation is skipped.
Hypothesis builds requests that are valid but for one broken part (or, sometimes, all of them), so
that most requests get past validation into the services:

- path parameters: real values (module, course, task and exam slugs, the trainee's open and graded
  exam attempts and another user's, paper positions, submission and user ids, schema-valid values);
  broken: unicode, '/', '..', NUL, lone surrogates, huge and negative integers, '1e309', 'NaN'...
- query parameters: declared ones valid or missing; broken: junk, and unknown extra parameters,
- bodies: generated from the operation's JSON schema, realistic practice submissions (the gold,
  jittered) and exam answers (choices of the paper, text, practice shapes for every position);
  broken: one node mutated into a wrong type, NaN/Infinity, huge numbers or strings, lone
  surrogates or deep nesting; arbitrary JSON; raw non-JSON bytes; wrong content types,
- auth: a trainee's bearer token (also the admin's or instructor's on /admin and /instructor routes,
  so those bodies are exercised too, and a partner key where there is one); broken: no token or junk,
- headers (broken): junk Accept-Language.

Every response must be below 500 and, when it is an error, JSON with a ``detail``. A write that
succeeds is followed by reads of what it stored (the draft, the attempt, the submission...),
because a stored value that cannot be served again is a 500 waiting for the next request.

Each operation gets its own database (the ``app`` fixture, so SQLite or AIDE_TEST_DATABASE_URL's
PostgreSQL) and keeps it across its examples, so state builds up. ``AIDE_FUZZ_EXAMPLES`` sets the
examples per operation (default 25), ``AIDE_FUZZ_RANDOM=1`` explores new examples instead of the
fixed seed the suite uses, and ``AIDE_FUZZ_DEBUG=1`` prints every request and status (with ``-s``).
"""

from __future__ import annotations

import copy
import json
import logging
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.config import Settings

EXAMPLES = int(os.environ.get("AIDE_FUZZ_EXAMPLES", "25"))
RANDOM = os.environ.get("AIDE_FUZZ_RANDOM", "") not in ("", "0")
PASSWORD = "correct-horse-battery"  # the conftest password (and its fast argon2 settings)


def _spec() -> dict[str, Any]:
    from app.main import create_app

    # An in-memory URL that is never connected: only the routes are needed here.
    return create_app(Settings(database_url="sqlite://", secret_key="fuzz-" * 8)).openapi()


SPEC = _spec()
COMPONENTS: dict[str, Any] = SPEC.get("components", {}).get("schemas", {})
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [(method.upper(), path, op) for path, item in SPEC["paths"].items()
              for method, op in item.items() if method in METHODS]
# Operations that revoke the token they are called with: these get a fresh token per example.
REVOKES_TOKEN = {("DELETE", "/api/v1/auth/token"), ("PUT", "/api/v1/me/password")}


def test_every_api_operation_is_fuzzed() -> None:
    """The parametrisation below is the OpenAPI document itself; nothing is left out."""
    api = [(m, p) for m, p, _ in OPERATIONS if p.startswith("/api/v1/")]
    assert len(api) >= 30, api


# ---- junk values ---------------------------------------------------------------------------------

NASTY_INTS = st.sampled_from([0, -1, 1, 2**31 - 1, 2**31, -(2**31) - 1, 2**53, 2**53 + 1, 2**63 - 1,
                              2**63, 2**64, -(2**63) - 1, 10**30, 10**400])
NASTY_FLOATS = st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -1e308, 5e-324, -0.0, 0.1, 1e-300])
NASTY_STRINGS = st.sampled_from([
    "", " ", "\x00", "a\x00b", "\ud800", "x\udfff", "NaN", "Infinity", "null", "true", "0", "-1", "1e309",
    "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "%2e%2e%2f", "\u202e\u0645",
    "{}", "[]", "\\u0000", "\r\n\r\nX-Injected: 1",
]) | st.sampled_from([("\U0001f600", 50), ("가", 1000), ("x", 70_000)]).map(lambda pair: pair[0] * pair[1])
TEXT = st.text(max_size=40) | st.text(st.characters(codec="utf-8"), max_size=300) | NASTY_STRINGS
SCALARS = (st.none() | st.booleans() | st.integers() | NASTY_INTS | st.floats() | NASTY_FLOATS | TEXT)
JUNK_JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5)
                         | st.dictionaries(TEXT, inner, max_size=5), max_leaves=25)


def nested(depth: int, kind: str) -> str:
    if kind == "list":
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


DEEP = st.builds(nested, st.sampled_from([30, 100, 300, 600, 1000, 3000, 100_000]),
                 st.sampled_from(["list", "dict"]))
RAW_BODIES = (st.sampled_from([b"", b"{", b"NaN", b"null", b"[]", b"\xff\xfe\x00", b'{"a": 1,}', b"{'a': 1}",
                               b'"just a string"', b"1e999", b"-Infinity", b"\xef\xbb\xbf{}", b"{}" * 1000])
              | st.binary(max_size=200) | DEEP.map(str.encode))

# URLs stay under the 64 KB an HTTP client accepts: no 70,000-character strings in paths and queries.
PATH_JUNK = (TEXT.filter(lambda s: len(s) < 10_000) | st.integers().map(str) | NASTY_INTS.map(str)
             | NASTY_FLOATS.map(repr)
             | st.sampled_from(["١", "１", "1.5", "1e3", "-0", "0x10", " 1", "1 ", "+1", "..", ".", "~", "%", "?"]))


def url_quote(value: str) -> str:
    """Percent-encode everything, lone surrogates included (as invalid UTF-8)."""
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def encode_json(value: Any) -> bytes:
    """NaN/Infinity become bare tokens and lone surrogates \\ud800 escapes, as a careless client sends."""
    return json.dumps(value, allow_nan=True).encode()


# ---- values generated from a JSON schema ----------------------------------------------------------

def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


_CACHE: dict[tuple[str, int], st.SearchStrategy[Any]] = {}


def from_schema(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """A small JSON-schema generator for what pydantic emits (valid values, near the limits too)."""
    key = (json.dumps(schema, sort_keys=True), depth)
    if key not in _CACHE:
        _CACHE[key] = _from_schema(schema, depth)
    return _CACHE[key]


def _from_schema(schema: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    schema = resolve(schema)
    if depth > 6:
        return st.none()
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return st.one_of([from_schema(s, depth + 1) for s in schema[key]])
    if "allOf" in schema:
        return from_schema(schema["allOf"][0], depth + 1)
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": k}, depth + 1) for k in kind])
    if kind == "null":
        return st.none()
    if kind == "boolean":
        return st.booleans()
    if kind in ("integer", "number"):
        low, high = schema.get("minimum"), schema.get("maximum")
        if "exclusiveMinimum" in schema:
            low = schema["exclusiveMinimum"] + (1 if kind == "integer" else 1e-9)
        if "exclusiveMaximum" in schema:
            high = schema["exclusiveMaximum"] - (1 if kind == "integer" else 1e-9)
        if kind == "integer":
            low = None if low is None else math.ceil(low)
            high = None if high is None else math.floor(high)
            edges = [v for v in (low, high) if v is not None]
            return st.integers(low, high) | (st.sampled_from(edges) if edges else st.nothing())
        return st.floats(low, high, allow_nan=False, allow_infinity=False)
    if kind == "string":
        shortest, longest = int(schema.get("minLength", 0)), schema.get("maxLength")
        if schema.get("format") == "email":
            return st.emails().filter(lambda e: len(e) <= (longest or 254))
        if "pattern" in schema:
            def fits(value: str) -> bool:
                return shortest <= len(value) <= (longest or 10**9)

            return st.from_regex(str(schema["pattern"]), fullmatch=True).filter(fits)
        strategy = st.text(min_size=shortest, max_size=min(longest or 60, 60))
        if longest:
            strategy |= st.text(min_size=longest, max_size=longest)
        return strategy
    if kind == "array":
        low = schema.get("minItems", 0)
        high = min(schema.get("maxItems", low + 4), low + 4)
        return st.lists(from_schema(schema.get("items", {}), depth + 1), min_size=low, max_size=high)
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        required = set(schema.get("required", []))
        fixed = st.fixed_dictionaries(
            {k: from_schema(v, depth + 1) for k, v in props.items() if k in required},
            optional={k: from_schema(v, depth + 1) for k, v in props.items() if k not in required})
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) or schema.get("patternProperties"):
            value_schema = extra if isinstance(extra, dict) else next(iter(schema["patternProperties"].values()))
            keys = (st.from_regex(next(iter(schema["patternProperties"])), fullmatch=True)
                    if schema.get("patternProperties") else st.text(max_size=20))
            extras = st.dictionaries(keys, from_schema(value_schema, depth + 1), max_size=3)
            return st.builds(lambda a, b: {**b, **a}, fixed, extras)
        return fixed
    return JUNK_JSON  # no type: anything goes


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[Any]) -> Any:
    """A valid value with one node replaced by junk (a wrong type, NaN, a huge string...)."""
    value = copy.deepcopy(draw(base))  # never change a shared value (the gold bodies)
    paths: list[tuple[Any, ...]] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, (*path, i))

    walk(value, ())
    target = draw(st.sampled_from(paths))
    junk = draw(JUNK_JSON | DEEP.map(lambda s: json.loads(s) if len(s) < 1500 else []))
    if not target:
        return junk
    node = value
    for key in target[:-1]:
        node = node[key]
    if isinstance(node, dict) and draw(st.booleans()):
        node[draw(TEXT)] = junk  # an unknown field
    else:
        node[target[-1]] = junk
    return value


@st.composite
def jittered(draw: st.DrawFn, base: Any) -> Any:
    """A realistic submission: every number moved a little or a lot, objects dropped or repeated."""
    def move(node: Any) -> Any:
        if isinstance(node, bool):
            return node
        if isinstance(node, (int, float)):
            how = draw(st.sampled_from(["keep", "keep", "small", "zero", "negative", "huge"]))
            return {"keep": node, "small": node + draw(st.floats(-3, 3)), "zero": 0, "negative": -abs(node) - 1,
                    "huge": 1e6}[how]
        if isinstance(node, dict):
            return {k: move(v) for k, v in node.items()}
        if isinstance(node, list):
            items = [move(v) for v in node]
            if items and not all(isinstance(i, (int, float)) for i in items):
                how = draw(st.sampled_from(["keep", "drop", "repeat", "empty"]))
                items = {"keep": items, "drop": items[1:], "repeat": items + items[:1], "empty": []}[how]
            return items
        return node

    return move(json.loads(json.dumps(base)))


# ---- the world every operation is fuzzed in ------------------------------------------------------

@dataclass(repr=False)
class World:
    app: Any
    client: TestClient
    tokens: dict[str, str] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    password: str = PASSWORD
    partner_key: str | None = None
    slugs: dict[str, list[str]] = field(default_factory=dict)
    attempts: list[str] = field(default_factory=list)
    open_attempt: str | None = None
    paper: list[dict[str, Any]] = field(default_factory=list)
    submission_ids: list[int] = field(default_factory=list)
    gold_bodies: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return "World()"

    def mint(self, role: str) -> str:
        """A new bearer token straight from the service (no password check, no throttle)."""
        from app.accounts import service

        with self.app.state.sessionmaker() as session:
            token, _row = service.issue_api_token(session, self.app.state.settings, user=self.users[role])
            session.commit()
        self.tokens[role] = token
        return token


def build_world(app: Any, client: TestClient, users: Any, path: str) -> World:
    """Users and tokens; then what the operation at `path` can reach (attempts, submissions, a partner)."""
    from app.practice.models import LabelItem
    from tests.courses.helpers import perfect_submission

    world = World(app=app, client=client)
    for role in ("trainee", "other", "instructor", "admin"):
        world.users[role] = users.create(role="trainee" if role == "other" else role)
        world.mint(role)
    auth = {"Authorization": f"Bearer {world.tokens['trainee']}"}
    other = {"Authorization": f"Bearer {world.tokens['other']}"}

    def ok(response: Any) -> Any:
        assert response.status_code < 300, (response.request.url, response.text)
        return response.json()

    courses = ok(client.get("/api/v1/courses", headers=auth))
    world.slugs["courses"] = [c["slug"] for c in courses]
    world.slugs["modules"] = [m["slug"] for c in courses for m in c["modules"]]
    world.slugs["tasks"] = [t["slug"] for t in ok(client.get("/api/v1/practice/tasks", headers=auth))]
    with app.state.sessionmaker() as session:
        for item in session.scalars(select(LabelItem).where(LabelItem.kind == "practice")):
            world.gold_bodies[item.slug] = perfect_submission(item)
    if "/practice/" in path:  # own and foreign submissions
        for task in ("bbox-intro-01", "motion-keypoints-01"):
            for headers in (auth, other):
                world.submission_ids.append(ok(client.post(f"/api/v1/practice/tasks/{task}/submissions",
                                                           json=world.gold_bodies[task], headers=headers))["id"])
    if "/exams" in path or "/attempts" in path:
        exams = ok(client.get("/api/v1/exams", headers=auth))
        world.slugs["exams"] = [e["slug"] for e in exams]
        mocks = [e["slug"] for e in exams if e["mode"] == "mock"]
        # A graded attempt (for review) and an open one (for answers, events, submit), plus another user's.
        graded = ok(client.post(f"/api/v1/exams/{mocks[-1]}/attempts", headers=auth))["id"]
        ok(client.post(f"/api/v1/attempts/{graded}/submit", headers=auth))
        started = ok(client.post(f"/api/v1/exams/{mocks[0]}/attempts", headers=auth))
        world.open_attempt, world.paper = started["id"], started["paper"]
        foreign = ok(client.post(f"/api/v1/exams/{mocks[0]}/attempts", headers=other))["id"]
        world.attempts = [world.open_attempt, graded, foreign]
    admin = {"Authorization": f"Bearer {world.tokens['admin']}"}
    if any(word in path for word in ("partner", "eligibility")):
        world.partner_key = ok(client.post("/api/v1/admin/partners", json={"name": "fuzz"}, headers=admin))["key"]
    return world


# ---- requests ------------------------------------------------------------------------------------

@dataclass
class Call:
    method: str
    path: str
    params: dict[str, str]
    headers: dict[str, str]
    body: bytes | None
    role: str

    def __repr__(self) -> str:
        body = self.body if self.body is None or len(self.body) < 300 else self.body[:300] + b"..."
        return f"{self.method} {self.path} params={self.params} role={self.role} body={body!r}"


def known_values(world: World, path: str, name: str, schema: dict[str, Any]) -> list[Any]:
    if name == "slug":
        for marker, key in (("/modules/", "modules"), ("/courses/", "courses"), ("/practice/tasks/", "tasks"),
                            ("/exams/", "exams")):
            if marker in path:
                return world.slugs.get(key, [])
        return [s for values in world.slugs.values() for s in values]
    if name == "attempt_id":
        return world.attempts
    if name == "position":
        return [p["position"] for p in world.paper]
    if name == "submission_id":
        return world.submission_ids
    if name == "user_id":
        return [u.id for u in world.users.values()]
    if name == "module":
        return world.slugs.get("modules", [])
    if name == "email":
        return [u.email for u in world.users.values()]
    if name == "project":
        return ["bbox-basic", ""]
    return []


def as_param(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).lower() if isinstance(value, bool) else str(value)


def param_strategy(world: World, path: str, param: dict[str, Any], broken: bool) -> st.SearchStrategy[str | None]:
    """A real or schema-valid value; when `broken`, junk of any kind."""
    schema = resolve(param.get("schema", {}))
    known = known_values(world, path, param["name"], schema)
    valid = from_schema(schema).map(as_param)
    if broken:
        return st.one_of(PATH_JUNK, NASTY_INTS.map(str), valid)
    strategy = st.sampled_from(known).map(str) if known else valid
    if param["in"] != "path" and not param.get("required"):
        strategy = st.none() | strategy
    return strategy


def good_bodies(world: World, method: str, path: str, schema: dict[str, Any],
                values: dict[str, str | None]) -> st.SearchStrategy[Any]:
    """Bodies the schema accepts, and realistic ones where the operation has a natural shape."""
    shapes = [from_schema(schema)]
    slug = values.get("slug")
    if path.endswith("/submissions") and method == "POST" and slug in world.gold_bodies:
        gold = world.gold_bodies[slug]
        shapes += [st.just(gold), jittered(gold), jittered(gold)]
    if path.endswith("/answers/{position}"):
        entry = next((p for p in world.paper if str(p["position"]) == values.get("position")), None)
        options = [o["id"] for o in (entry or {}).get("options", [])] or ["x"]
        # `response` is free-form in the schema: send choices, text and practice-shaped answers to every item.
        responses = (st.builds(lambda c: {"choices": c}, st.lists(st.sampled_from(options), max_size=3))
                     | st.builds(lambda t: {"text": t}, TEXT)
                     | from_schema(COMPONENTS["SubmissionIn"])
                     | st.sampled_from(sorted(world.gold_bodies.values(), key=json.dumps)))
        shapes = [st.builds(lambda seq, r: {"seq": seq, "response": r}, st.integers(0, 50) | NASTY_INTS, responses)]
    if path == "/api/v1/auth/token" and method == "POST":
        shapes.append(st.builds(lambda e, p: {"email": e, "password": p},
                                st.sampled_from([u.email for u in world.users.values()]),
                                st.sampled_from([world.password, "x" * 10])))
    if path == "/api/v1/me/password" and method == "PUT":
        shapes.append(st.builds(lambda p: {"current_password": world.password, "new_password": p}, TEXT))
    return st.one_of(shapes)


def body_strategy(world: World, method: str, path: str, op: dict[str, Any], values: dict[str, str | None],
                  broken: bool) -> st.SearchStrategy[tuple[bytes | None, str | None]]:
    """(body, content type): a good body, or when `broken` a mutated, junk, deep or non-JSON one."""
    content = op.get("requestBody", {}).get("content", {})
    raw = st.tuples(RAW_BODIES, st.sampled_from(["application/json", "text/plain", None]))
    if not content:  # no body documented: send one anyway when breaking things
        return raw if broken else st.just((None, None))
    good = good_bodies(world, method, path, next(iter(content.values())).get("schema", {}), values)
    if not broken:
        return st.tuples(good.map(encode_json), st.just("application/json"))
    wrapped_deep = DEEP.map(lambda d: f'{{"body": {d}, "seq": 1, "response": {d}}}'.encode())
    return st.one_of(
        st.tuples(st.one_of(mutated(good), JUNK_JSON).map(encode_json) | wrapped_deep, st.just("application/json")),
        st.tuples(good.map(encode_json), st.sampled_from(["application/json; charset=latin-1", "text/plain", None])),
        raw)


@st.composite
def calls(draw: st.DrawFn, world: World, method: str, path: str, op: dict[str, Any]) -> Call:
    """A request that is valid but for (usually) one broken part: a parameter, the body, auth or headers.

    Mostly-valid requests get past validation into the services, where the 500s hide.
    """
    parameters = op.get("parameters", [])
    parts = ["nothing", "nothing", "body", "auth", "headers", "everything"] + [f"param:{p['name']}" for p in parameters]
    broken = draw(st.sampled_from(parts), label="broken")
    values: dict[str, str | None] = {}
    params: dict[str, str] = {}
    url = path
    for param in parameters:
        bad = broken in ("everything", f"param:{param['name']}")
        value = draw(param_strategy(world, path, param, bad), label=param["name"])
        values[param["name"]] = value
        if param["in"] == "path":
            url = url.replace("{" + param["name"] + "}", url_quote(value or ""))
        elif param["in"] == "query" and value is not None:
            params[param["name"]] = value
    for name in re.findall(r"{(\w+)}", url):  # a path parameter the document does not describe
        url = url.replace("{" + name + "}", url_quote(draw(PATH_JUNK)))
    if broken in ("headers", "everything") and draw(st.booleans()):
        params[draw(st.text(min_size=1, max_size=10))] = draw(PATH_JUNK)  # an unknown query parameter
    roles = ["trainee"]
    if "/admin/" in path:
        roles.append("admin")
    if "/instructor/" in path:
        roles.append("instructor")
    if broken in ("auth", "everything"):
        roles = ["none", "junk"] + roles
    role = draw(st.sampled_from(roles), label="role")
    headers: dict[str, str] = {}
    if role == "junk":
        headers["Authorization"] = draw(st.sampled_from(["Bearer ", "Bearer x", "Basic Zm9vOmJhcg==",
                                                         "Bearer " + "a" * 5000, "bearer \t x", "Bearer null"]))
    elif role != "none":
        token = world.mint(role) if (method, path) in REVOKES_TOKEN else world.tokens[role]
        headers["Authorization"] = f"Bearer {token}"
    if world.partner_key:
        keys = [world.partner_key]
        if broken in ("auth", "everything"):
            keys += ["", "x" * 500, world.partner_key + "x", "'; DROP TABLE users; --"]
        headers["X-API-Key"] = draw(st.sampled_from(keys))
    if broken in ("headers", "everything"):
        headers["Accept-Language"] = draw(st.sampled_from(["en", "ko", "*", "en;q=NaN", "zz-ZZ,en;q=1e309",
                                                           ",,,;;;", "x" * 2000, "en;q=-1, ko;q=2", ""]))
    body, content_type = draw(body_strategy(world, method, path, op, values,
                                            broken in ("body", "everything")), label="body")
    if content_type:
        headers["Content-Type"] = content_type
    return Call(method, url, params, headers, body, role)


class ServerErrors(logging.Handler):
    """Keeps the tracebacks the app logs, to show them when a response is a 500."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(logging.Formatter().format(record))


@pytest.fixture
def server_errors() -> Iterator[ServerErrors]:
    handler = ServerErrors()
    logger = logging.getLogger("aide")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def check(response: Any, call: Any, errors: ServerErrors) -> None:
    trace = "\n".join(errors.records[-1:])
    assert response.status_code < 500, f"{call!r}\n-> {response.status_code} {response.text[:500]}\n{trace}"
    if response.status_code == 204 or call.method == "HEAD":
        return
    try:
        data = response.json()
    except ValueError:
        raise AssertionError(f"{call!r}\n-> {response.status_code} is not JSON: {response.text[:300]!r}") from None
    if response.status_code >= 400:
        assert isinstance(data, dict) and "detail" in data, f"{call!r}\n-> {response.status_code} {data!r}"


def follow_ups(world: World, call: Call, response: Any) -> list[tuple[str, str, str]]:
    """Reads of what a successful write stored: (method, path, role)."""
    if response.status_code >= 300:
        return []
    path = call.path
    reads: list[tuple[str, str, str]] = []
    if match := re.fullmatch(r"/api/v1/practice/tasks/([^/]+)/(draft|submissions)", path):
        reads.append(("GET", f"/api/v1/practice/tasks/{match[1]}", call.role))
        if call.method == "POST":
            reads.append(("GET", f"/api/v1/practice/submissions/{response.json()['id']}", call.role))
            reads.append(("GET", f"{path}", call.role))
    if match := re.fullmatch(r"/api/v1/attempts/([^/]+)/(answers/[^/]+|events|submit)", path):
        reads.append(("GET", f"/api/v1/attempts/{match[1]}", call.role))
        reads.append(("GET", "/api/v1/me/attempts", call.role))
        reads.append(("GET", f"/api/v1/instructor/attempts/{match[1]}/events", "instructor"))
    if re.fullmatch(r"/api/v1/modules/[^/]+/(quiz|reading)", path) or path == "/api/v1/me/locale":
        reads += [("GET", "/api/v1/me/progress", call.role), ("GET", "/api/v1/me", call.role)]
    if path.startswith("/api/v1/admin/"):
        reads += [("GET", "/api/v1/admin/users", "admin"), ("GET", "/api/v1/admin/partners", "admin")]
    if path == "/api/v1/auth/register":
        reads.append(("GET", "/api/v1/admin/users", "admin"))
    return [r for r in reads if r[2] in world.tokens]


def run(world: World, errors: ServerErrors, method: str, path: str, op: dict[str, Any]) -> None:
    client = world.client

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not RANDOM, print_blob=True,
              suppress_health_check=list(HealthCheck))
    @given(call=calls(world, method, path, op))
    def fuzz(call: Call) -> None:
        errors.records.clear()
        query = "&".join(f"{url_quote(k)}={url_quote(v)}" for k, v in call.params.items())
        response = client.request(call.method, call.path + (f"?{query}" if query else ""), headers=call.headers,
                                  content=call.body)
        if os.environ.get("AIDE_FUZZ_DEBUG"):
            print(response.status_code, repr(call)[:200], response.text[:100])
        check(response, call, errors)
        if call.path == "/api/v1/me/password" and response.status_code == 204:
            world.password = json.loads(call.body or b"{}")["new_password"]
        for read_method, read_path, role in follow_ups(world, call, response):
            token = world.mint(role) if role == call.role and (method, path) in REVOKES_TOKEN else world.tokens[role]
            read = Call(read_method, read_path, {}, {"Authorization": f"Bearer {token}"}, None, role)
            check(client.request(read_method, read_path, headers=read.headers), read, errors)

    fuzz()


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _ in OPERATIONS],
                         ids=[f"{m} {p}" for m, p, _ in OPERATIONS])
def test_fuzz_operation(method: str, path: str, app: Any, users: Any, server_errors: ServerErrors) -> None:
    op = SPEC["paths"][path][method.lower()]
    with TestClient(app, base_url="http://testserver", raise_server_exceptions=False) as client:
        world = build_world(app, client, users, path)
        run(world, server_errors, method, path, op)

