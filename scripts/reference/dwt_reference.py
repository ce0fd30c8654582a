#!/usr/bin/env python3
"""Reference values for ser4j's wavelet features (org.ser4j.features.wavelet), made by PyWavelets.

Run from the repository root (Python is only a test-reference tool, not part of the product):

    /tmp/pywt-venv/bin/python scripts/reference/dwt_reference.py

Made with PyWavelets 1.8.0 and numpy 2.4.6 (the versions are also written into the JSON). Writes:

  ser4j-features/src/main/resources/org/ser4j/features/wavelet/daubechies.txt
      db1..db20 decomposition low-pass filters, pywt.Wavelet(name).dec_lo, one wavelet per line,
      written with repr() so Java's Double.parseDouble reads back the identical doubles.
  ser4j-features/src/test/resources/reference/dwt/dwt_reference.json
      filters of db1/db2/db4/db8, pywt.dwt_max_level values, pywt.dwt and pywt.wavedec outputs
      (mode='symmetric') for short synthetic signals, per-level statistics of
      pywt.wavedec(y, 'db4', level=5) for the reference clips, and per-frame level log energies.

Clips are read from ../shared/reference/audio (16-bit PCM) as int16 / 32768, exactly the samples the
Java parity tests read. The statistics below are the definitions WaveletStatistics documents.
"""
import json
import os
import sys
import wave

import numpy as np
import pywt

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLIPS = os.path.join(ROOT, "..", "shared", "reference", "audio")
MAIN_OUT = os.path.join(ROOT, "ser4j-features/src/main/resources/org/ser4j/features/wavelet/daubechies.txt")
TEST_OUT = os.path.join(ROOT, "ser4j-features/src/test/resources/reference/dwt/dwt_reference.json")

STAT_WAVELET, STAT_LEVEL = "db4", 5
FRAME_LENGTH, HOP_LENGTH, LOG_FLOOR = 2048, 512, 1e-10
FRAME_CLIPS = ["speech1_16k", "short50ms_16k", "silence_tone300_16k"]


def read_clip(path):
    with wave.open(path, "rb") as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2, path
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return pcm.astype(np.float64) / 32768.0


def level_names(level):
    return ["a%d" % level] + ["d%d" % k for k in range(level, 0, -1)]


STATS = ["energy", "relative_energy", "entropy", "mean_abs", "std"]


def statistics(coeffs):
    """Per level: mean square, share of the total sum of squares, Shannon entropy (nats) of c^2 / sum c^2,
    mean |c|, population standard deviation. Silence: all 0 (0 log 0 = 0, 0 / 0 shares = 0)."""
    sums = [float(np.sum(c * c)) for c in coeffs]
    total = sum(sums)
    out = []
    for c, s in zip(coeffs, sums):
        if s > 0:
            p = c * c / s
            p = p[p > 0]
            entropy = float(-np.sum(p * np.log(p)))
        else:
            entropy = 0.0
        out += [s / len(c), s / total if total > 0 else 0.0, entropy, float(np.mean(np.abs(c))), float(np.std(c))]
    return out


def frame_log_energies(y):
    yp = np.pad(y, FRAME_LENGTH // 2, mode="constant")
    n_frames = 1 + (len(yp) - FRAME_LENGTH) // HOP_LENGTH
    rows = np.empty((STAT_LEVEL + 1, n_frames))
    for t in range(n_frames):
        frame = yp[t * HOP_LENGTH:t * HOP_LENGTH + FRAME_LENGTH]
        coeffs = pywt.wavedec(frame, STAT_WAVELET, mode="symmetric", level=STAT_LEVEL)
        rows[:, t] = [np.log(max(np.mean(c * c), LOG_FLOOR)) for c in coeffs]
    return rows.tolist()


def main():
    rng = np.random.default_rng(20261201)
    os.makedirs(os.path.dirname(MAIN_OUT), exist_ok=True)
    with open(MAIN_OUT, "w") as f:
        f.write("# Daubechies decomposition low-pass filters (dec_lo) as PyWavelets %s defines them:\n"
                "# pywt.Wavelet('dbN').dec_lo, written by scripts/reference/dwt_reference.py.\n" % pywt.__version__)
        for n in range(1, 21):
            f.write("db%d %s\n" % (n, " ".join(repr(float(c)) for c in pywt.Wavelet("db%d" % n).dec_lo)))

    ref = {"generator": "scripts/reference/dwt_reference.py", "pywavelets": pywt.__version__,
           "numpy": np.__version__, "mode": "symmetric"}
    ref["filters"] = {w: {"dec_lo": list(pywt.Wavelet(w).dec_lo), "dec_hi": list(pywt.Wavelet(w).dec_hi)}
                      for w in ["db1", "db2", "db4", "db8"]}
    ref["max_level"] = [{"n": n, "wavelet": w, "max_level": pywt.dwt_max_level(n, w)}
                        for w in ["db1", "db2", "db4", "db8", "db20"]
                        for n in [1, 2, 3, 6, 7, 13, 14, 15, 27, 28, 100, 2048, 48000]]
    # single level, including signals shorter than the filter (the extension then reflects repeatedly)
    ref["dwt"] = []
    for w in ["db1", "db2", "db4", "db8"]:
        for n in [1, 2, 3, 5, 8, 17]:
            x = rng.uniform(-1, 1, n)
            a, d = pywt.dwt(x, w, mode="symmetric")
            ref["dwt"].append({"wavelet": w, "x": x.tolist(), "cA": a.tolist(), "cD": d.tolist()})
    ref["wavedec"] = []
    for w in ["db1", "db2", "db4", "db8"]:
        for n in [16, 33, 64, 101]:
            x = rng.uniform(-1, 1, n)
            for level in range(1, pywt.dwt_max_level(n, w) + 1):
                c = pywt.wavedec(x, w, mode="symmetric", level=level)
                ref["wavedec"].append({"wavelet": w, "level": level, "x": x.tolist(),
                                       "coeffs": [v.tolist() for v in c]})

    names = ["dwt_%s_%s" % (lv, s) for lv in level_names(STAT_LEVEL) for s in STATS]
    clips = {}
    for name in sorted(os.listdir(CLIPS)):
        if name.endswith(".wav"):
            y = read_clip(os.path.join(CLIPS, name))
            clips[name[:-4]] = statistics(pywt.wavedec(y, STAT_WAVELET, mode="symmetric", level=STAT_LEVEL))
    ref["clip_statistics"] = {"wavelet": STAT_WAVELET, "level": STAT_LEVEL, "names": names, "clips": clips}
    ref["frame_log_energy"] = {
        "wavelet": STAT_WAVELET, "level": STAT_LEVEL, "frame_length": FRAME_LENGTH, "hop_length": HOP_LENGTH,
        "center": True, "pad_mode": "constant", "floor": LOG_FLOOR,
        "clips": {c: frame_log_energies(read_clip(os.path.join(CLIPS, c + ".wav"))) for c in FRAME_CLIPS}}
    os.makedirs(os.path.dirname(TEST_OUT), exist_ok=True)
    with open(TEST_OUT, "w") as f:
        json.dump(ref, f, separators=(",", ":"))
    print("wrote", MAIN_OUT, "and", TEST_OUT, os.path.getsize(TEST_OUT), "bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
