"""File output shared by the OCR and people generators: item folders, YAML and images.

Everything here is deterministic: the same item dict and image give byte-identical files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
PRACTICE = CONTENT / "practice"
EXAM_ITEMS = CONTENT / "exams" / "items"

JPEG_QUALITY = 88
MAX_ASSET_BYTES = 150 * 1024


class _Dumper(yaml.SafeDumper):
    """Block style for documents, flow style for short scalar lists and small records."""


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (int, float, str, bool)) or value is None


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    flow = all(_is_scalar(v) and not (isinstance(v, str) and "\n" in v) for v in value)
    flow = (
        flow
        or all(isinstance(v, list) and all(isinstance(x, (int, float)) for x in v) for v in value)
        and len(value) > 0
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _represent_dict(dumper: yaml.SafeDumper, value: dict[str, Any]) -> yaml.MappingNode:
    small = (
        len(value) <= 4
        and all(_is_scalar(v) for v in value.values())
        and sum(len(str(v)) for v in value.values()) <= 90
        and not any(isinstance(v, str) and "\n" in v for v in value.values())
    )
    return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=small)


def _represent_float(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    text = repr(round(value, 2))
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(float, _represent_float)


def dump_yaml(data: dict[str, Any]) -> str:
    """Serialise to YAML the way the content files are written (keys in insertion order)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def item_dir(slug: str, module: str | None) -> Path:
    """Folder of a practice item (module given) or an exam pool item (module None)."""
    return PRACTICE / module / slug if module else EXAM_ITEMS / slug


def save_jpeg(image: Image.Image, path: Path) -> int:
    """Save an RGB image as baseline JPEG; returns the file size (asserted under the cap)."""
    image.convert("RGB").save(path, "JPEG", quality=JPEG_QUALITY, optimize=True)
    size = path.stat().st_size
    if size > MAX_ASSET_BYTES:
        raise ValueError(f"{path}: {size} bytes exceeds {MAX_ASSET_BYTES}")
    return size


def write_item(
    *,
    slug: str,
    module: str | None,
    item: dict[str, Any],
    gold: dict[str, Any],
    image: Image.Image,
    asset_name: str = "image.jpg",
) -> Path:
    """Write item.yaml, gold.yaml and the image asset of one item; returns its folder."""
    folder = item_dir(slug, module)
    folder.mkdir(parents=True, exist_ok=True)
    save_jpeg(image, folder / asset_name)
    (folder / "item.yaml").write_text(dump_yaml(item), encoding="utf-8")
    (folder / "gold.yaml").write_text(dump_yaml(gold), encoding="utf-8")
    return folder


def asset_block(image: Image.Image, asset_name: str = "image.jpg") -> dict[str, Any]:
    """The item.yaml `asset` mapping for an image asset."""
    return {"file": asset_name, "kind": "image", "width": image.width, "height": image.height}


def bi(ko: str, en: str) -> dict[str, str]:
    """A bilingual text mapping, Korean first."""
    return {"ko": ko, "en": en}
