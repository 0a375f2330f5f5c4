"""Generate the audio/video practice and exam items (speech transcription, sound and video
classification) with exact gold, then sanity-check every clip.

    .venv/bin/python -m tools.generators.media [--only speech|sounds|video]

Needs espeak-ng (Korean voice), sox, ffmpeg (libvorbis, libvpx-vp9), numpy and Pillow. The
output is committed, so a machine that only serves the content needs none of them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from tools.generators import media_sounds, media_speech, media_video
from tools.generators.media_audio import clip_stats
from tools.generators.media_common import ROOT


def main(argv: list[str] | None = None) -> int:
    """Build the selected families, print one line per clip, return 1 if any check fails."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["speech", "sounds", "video"], action="append")
    only = set(parser.parse_args(argv).only or ["speech", "sounds", "video"])
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="aide-media-") as tmp:
        work = Path(tmp)
        if "speech" in only:
            speech = media_speech.build(work)
            problems += media_speech.check(speech)
            for utt, path in speech:
                s = clip_stats(path)
                print(
                    f"{utt.slug:40} {s['duration']:5.2f}s {s['rms_db']:6.1f} dBFS "
                    f"{s['kbytes']:5.1f} KB  {utt.gold_text()}"
                )
        if "sounds" in only:
            sounds = media_sounds.build(work)
            problems += media_sounds.check(sounds)
            for spec, path in sounds:
                s = clip_stats(path)
                print(
                    f"{spec.slug:40} {s['duration']:5.2f}s {s['rms_db']:6.1f} dBFS {s['kbytes']:5.1f} KB  {spec.gold}"
                )
        if "video" in only:
            videos = media_video.build()
            problems += media_video.check(videos)
            for vspec, path in videos:
                v = media_video.probe(path)
                print(
                    f"{vspec.slug:40} {v['duration']:5.2f}s {v['frames']:3d} frames {v['kbytes']:6.1f} KB  {vspec.gold}"
                )
    for problem in problems:
        print("PROBLEM", problem, file=sys.stderr)
    print(f"{'ok' if not problems else 'FAILED'}; output under {ROOT / 'content'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
