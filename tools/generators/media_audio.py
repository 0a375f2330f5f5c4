"""Audio building blocks: espeak-ng speech, numpy sound events/noises, sox mixing, Ogg Vorbis.

Everything is deterministic: numpy noise comes from seeded generators, sox runs with `-R`
(repeatable mode) and ffmpeg with the bitexact flags (no encoder version, fixed stream serial).
"""

from __future__ import annotations

import re
import subprocess
import wave
from pathlib import Path

import numpy as np

SR = 22050  # espeak-ng's native rate; every clip is rendered at it
Signal = np.ndarray


def run(cmd: list[str]) -> str:
    """Run a tool, fail loudly, return its stdout."""
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return done.stdout


# ---------------------------------------------------------------- wav io


def write_wav(path: Path, x: Signal) -> None:
    """Write mono 16-bit PCM."""
    pcm = np.clip(np.round(x * 32767.0), -32768, 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(pcm.tobytes())


def read_wav(path: Path) -> Signal:
    """Read mono 16-bit PCM at SR as float64 in [-1, 1]."""
    with wave.open(str(path), "rb") as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2, path
        assert w.getframerate() == SR, (path, w.getframerate())
        raw = w.readframes(w.getnframes())
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32767.0


def silence(seconds: float) -> Signal:
    return np.zeros(int(round(seconds * SR)))


def concat(*parts: Signal) -> Signal:
    return np.concatenate(parts)


def fit(x: Signal, n: int) -> Signal:
    """Cut or zero-pad to exactly n samples."""
    return x[:n] if len(x) >= n else np.concatenate([x, np.zeros(n - len(x))])


def peak_normalise(x: Signal, peak_db: float = -3.0) -> Signal:
    peak = float(np.max(np.abs(x))) or 1.0
    return x * (10 ** (peak_db / 20) / peak)


def active_rms(x: Signal) -> float:
    """RMS over the 20 ms frames that carry sound (so pauses do not dilute the SNR)."""
    frame = int(0.02 * SR)
    n = len(x) // frame
    power = (x[: n * frame].reshape(n, frame) ** 2).mean(axis=1)
    loud = power[power > 0.01 * power.max()]
    return float(np.sqrt(loud.mean()))


# ---------------------------------------------------------------- speech


def espeak(text: str, *, voice: str, speed: int, pitch: int, work: Path) -> Signal:
    """Synthesise Korean with espeak-ng (`-v ko` plus an optional `+variant`)."""
    out = work / "espeak.wav"
    run(["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(out), text])
    return trim_silence(read_wav(out))


def phonemes(text: str, voice: str = "ko") -> str:
    """espeak-ng's phoneme string for text, with pauses/phrase breaks removed."""
    raw = run(["espeak-ng", "-v", voice, "-q", "-x", text])
    return re.sub(r"[\s_]+", "", raw)


def trim_silence(x: Signal, threshold: float = 0.003) -> Signal:
    idx = np.nonzero(np.abs(x) > threshold)[0]
    return x[idx[0] : idx[-1] + 1] if len(idx) else x


# ---------------------------------------------------------------- spectral shaping


def shape(x: Signal, response) -> Signal:  # type: ignore[no-untyped-def]
    """Filter by multiplying the spectrum with response(freqs_hz) (zero-phase, deterministic)."""
    spec = np.fft.rfft(x)
    freqs = np.fft.rfftfreq(len(x), 1 / SR)
    return np.fft.irfft(spec * response(freqs), n=len(x))


def band(lo: float, hi: float, order: float = 2.0):  # type: ignore[no-untyped-def]
    """A smooth band-pass magnitude response (Butterworth-like)."""

    def response(f: Signal) -> Signal:
        f = np.maximum(f, 1e-3)
        hp = 1 / np.sqrt(1 + (lo / f) ** (2 * order)) if lo > 0 else 1.0
        lp = 1 / np.sqrt(1 + (f / hi) ** (2 * order))
        return hp * lp

    return response


def unit(x: Signal) -> Signal:
    """Scale to RMS 1 (for noises whose level is set later by SNR)."""
    rms = float(np.sqrt(np.mean(x**2))) or 1.0
    return x / rms


# ---------------------------------------------------------------- noises (backgrounds)


def pink_noise(seconds: float, seed: int) -> Signal:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(int(seconds * SR))
    return unit(shape(x, lambda f: 1 / np.sqrt(np.maximum(f, 20.0))))


def traffic_noise(seconds: float, seed: int) -> Signal:
    """Low rumble with slow swells of passing cars."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SR)
    rumble = shape(rng.standard_normal(n), band(30, 350, 2))
    hiss = shape(rng.standard_normal(n), band(800, 4000, 1)) * 0.15
    t = np.arange(n) / SR
    swell = np.ones(n) * 0.6
    for _ in range(3):
        centre, width = rng.uniform(0, seconds), rng.uniform(0.8, 1.6)
        swell += 0.8 * np.exp(-(((t - centre) / width) ** 2))
    return unit((unit(rumble) + unit(hiss) * 0.3) * swell)


def rain_noise(seconds: float, seed: int) -> Signal:
    """Broadband hiss plus random droplet ticks."""
    rng = np.random.default_rng(seed)
    n = int(seconds * SR)
    hiss = unit(shape(rng.standard_normal(n), band(400, 7000, 1)))
    drops = np.zeros(n)
    k = np.arange(int(0.012 * SR))
    for start in rng.integers(0, n - len(k), size=int(45 * seconds)):
        freq = rng.uniform(1800, 5000)
        blip = np.sin(2 * np.pi * freq * k / SR) * np.exp(-k / (0.002 * SR))
        drops[start : start + len(k)] += blip * rng.uniform(0.5, 1.5)
    return unit(hiss + 1.2 * unit(drops))


def horn_burst(seconds: float = 0.45) -> Signal:
    """A two-tone car horn."""
    t = np.arange(int(seconds * SR)) / SR
    tone = sum(np.sign(np.sin(2 * np.pi * f * t)) for f in (415.0, 523.0))
    tone = shape(np.asarray(tone, dtype=float), band(200, 2500, 2))
    env = np.minimum(1, t / 0.02) * np.minimum(1, (seconds - t) / 0.04)
    return unit(tone * env)


def knock_burst(count: int = 3, gap: float = 0.16) -> Signal:
    """Knuckles on a wooden door."""
    rng = np.random.default_rng(7)
    one = int(0.09 * SR)
    k = np.arange(one) / SR
    thump = np.sin(2 * np.pi * 190 * k) * np.exp(-k / 0.018)
    click = shape(rng.standard_normal(one), band(900, 3500, 2)) * np.exp(-k / 0.004) * 0.4
    out = np.zeros(int((count - 1) * gap * SR) + one)
    for i in range(count):
        s = int(i * gap * SR)
        out[s : s + one] += thump + click
    return unit(out)


# ---------------------------------------------------------------- sound events (classes)


def siren(seconds: float) -> Signal:
    """An emergency-vehicle wail sweeping 650–1450 Hz."""
    t = np.arange(int(seconds * SR)) / SR
    freq = 1050 - 400 * np.cos(2 * np.pi * t / 2.2)
    phase = 2 * np.pi * np.cumsum(freq) / SR
    tone = np.sin(phase) + 0.45 * np.sin(2 * phase) + 0.25 * np.sin(3 * phase)
    return unit(tone * np.minimum(1, t / 0.1))


def dog_barks(seconds: float, times: list[float], seed: int, f0: float = 480.0) -> Signal:
    """Short harmonic barks with a pitch fall, formant-like emphasis and breath noise."""
    rng = np.random.default_rng(seed)
    out = np.zeros(int(seconds * SR))
    length = int(0.22 * SR)
    t = np.arange(length) / SR
    for start in times:
        base = f0 * rng.uniform(0.92, 1.08)
        contour = base * (1 + 0.35 * np.exp(-(((t - 0.03) / 0.02) ** 2)) - 0.35 * t / 0.22)
        phase = 2 * np.pi * np.cumsum(contour) / SR
        voiced = np.zeros(length)
        for k in range(1, 12):
            fk = k * contour
            weight = np.exp(-(((fk - 900) / 500) ** 2)) + 0.6 * np.exp(-(((fk - 2000) / 700) ** 2))
            voiced += weight * np.sin(k * phase) / k**0.3
        breath = shape(rng.standard_normal(length), band(600, 3500, 2))
        env = np.minimum(1, t / 0.006) * np.exp(-t / 0.07)
        bark = (unit(voiced) + 0.35 * unit(breath)) * env
        s = int(start * SR)
        out[s : s + length] += bark[: len(out) - s]
    return unit(out)


def doorbell(seconds: float, rings: list[float]) -> Signal:
    """Ding (E5) – dong (C5) chimes with bell-like decaying partials."""
    out = np.zeros(int(seconds * SR))
    partials = [(1.0, 1.0, 1.4), (2.0, 0.45, 0.7), (3.0, 0.2, 0.45), (4.16, 0.12, 0.25)]
    for ring in rings:
        for offset, f in ((0.0, 659.25), (0.55, 523.25)):
            s = int((ring + offset) * SR)
            t = np.arange(len(out) - s) / SR
            note = sum(a * np.sin(2 * np.pi * f * m * t) * np.exp(-t / tau) for m, a, tau in partials)
            out[s:] += np.asarray(note) * np.minimum(1, t / 0.003)
    return unit(out)


def music(seconds: float) -> Signal:
    """A piano-like I–V–vi–IV progression in C with a bass line and an arpeggiated top."""
    out = np.zeros(int(seconds * SR))
    chords = [[60, 64, 67], [55, 59, 62], [57, 60, 64], [53, 57, 60]]
    beat = 0.5

    def note(midi: int, start: float, dur: float, amp: float) -> None:
        s = int(start * SR)
        n = min(int(dur * SR), len(out) - s)
        if n <= 0:
            return
        t = np.arange(n) / SR
        f = 440.0 * 2 ** ((midi - 69) / 12)
        tone = sum(a * np.sin(2 * np.pi * f * m * t) for m, a in ((1, 1), (2, 0.5), (3, 0.25), (4, 0.12)))
        env = np.minimum(1, t / 0.005) * np.exp(-t / 0.6) * np.minimum(1, (dur - t) / 0.05)
        out[s : s + n] += amp * np.asarray(tone) * env

    bar = 0
    while bar * 4 * beat < seconds:
        chord = chords[bar % 4]
        t0 = bar * 4 * beat
        for m in chord:
            note(m, t0, 4 * beat, 0.35)
        note(chord[0] - 12, t0, 4 * beat, 0.5)
        for i, m in enumerate([chord[0] + 12, chord[1] + 12, chord[2] + 12, chord[1] + 12]):
            note(m, t0 + i * beat, beat, 0.3)
        bar += 1
    fade = np.minimum(1, (len(out) - np.arange(len(out))) / (0.3 * SR))
    return unit(out * fade)


def room_tone(seconds: float, seed: int) -> Signal:
    """Near-silence: a faint hiss at about -62 dBFS RMS (what a 'silent' recording holds)."""
    return pink_noise(seconds, seed) * 10 ** (-62 / 20)


# ---------------------------------------------------------------- mixing and encoding


def mix(fg: Signal, bg: Signal | None, snr_db: float, work: Path, peak_db: float = -3.0) -> Signal:
    """Mix a foreground with a background at snr_db (active-speech RMS) using sox -m, normalise."""
    fg_path, bg_path, out_path = work / "fg.wav", work / "bg.wav", work / "mix.wav"
    fg = peak_normalise(fg, -6.0)
    write_wav(fg_path, fg)
    if bg is None:
        run(["sox", "-R", str(fg_path), str(out_path), "norm", str(peak_db)])
        return read_wav(out_path)
    bg = fit(bg, len(fg)) * (active_rms(fg) / 10 ** (snr_db / 20))
    write_wav(bg_path, bg)
    run(["sox", "-R", "-m", "-v", "1", str(fg_path), "-v", "1", str(bg_path), str(out_path), "norm", str(peak_db)])
    return read_wav(out_path)


def encode_vorbis(x: Signal, out: Path, work: Path, quality: float = 1.0) -> None:
    """Encode mono Ogg Vorbis with ffmpeg in bitexact mode (byte-stable across runs)."""
    src = work / "encode.wav"
    write_wav(src, x)
    run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-i",
            str(src),
            "-map_metadata",
            "-1",
            "-c:a",
            "libvorbis",
            "-q:a",
            str(quality),
            "-ac",
            "1",
            "-fflags",
            "+bitexact",
            "-flags:a",
            "+bitexact",
            str(out),
        ]
    )


def clip_stats(path: Path) -> dict[str, float]:
    """Duration (soxi) and RMS/peak (sox stat) of an encoded clip."""
    duration = float(run(["soxi", "-D", str(path)]).strip())
    stat = subprocess.run(["sox", str(path), "-n", "stat"], check=True, capture_output=True, text=True).stderr
    values = {}
    for line in stat.splitlines():
        key, _, value = line.partition(":")
        values[" ".join(key.split())] = value.strip()
    rms = float(values["RMS amplitude"])
    return {
        "duration": duration,
        "rms": rms,
        "rms_db": 20 * np.log10(max(rms, 1e-9)),
        "peak": float(values["Maximum amplitude"]),
        "kbytes": path.stat().st_size / 1024,
    }
