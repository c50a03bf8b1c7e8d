"""The safeguarding screen's cost per comment, against a baseline measured in the same run: rendering the
same comment's Markdown to sanitized HTML (app.core.sanitize.render_markdown), which every comment already
costs when it is written. Also what loading the screen costs a new process, once: time and memory.

    python -m bench.screen            # prints the figures; bench/run.py adds them to its report

CPU time of this process (time.process_time), so other work on the machine counts little; each figure is
the median of five passes over the same comments.
"""

import json
import random
import statistics
import subprocess  # nosec B404 — a fresh interpreter measures the screen's loading cost
import sys
import time

from app.community.safeguarding import screen
from app.core.sanitize import render_markdown
from bench.seed import sentence

COMMENTS = 2_000
PASSES = 5
# What a tenth of the comments carry: the things the screen looks for, in the three languages.
SENSITIVE = [
    "Call me on 77 123 45 67.",
    "Aminata, douze ans, vient chaque samedi.",
    "Ella se llama Sofía y tiene 13 años.",
    "Join us on wa.me/22670123456",
    "Write to fatou.diop@gmail.com",
    "Fatoumata, 13yo, spoke first.",
]
TARGET_SCREEN_US = 1_000.0  # at most a millisecond of CPU a comment, whatever the baseline

# The screen's own libraries, loaded and used once in a fresh process: what the screen adds to a worker.
COLD_START = """
import re, time
def rss_kb():
    with open("/proc/self/status") as status:
        return int(re.search(r"VmRSS:\\s+(\\d+) kB", status.read()).group(1))
before = rss_kb()
started = time.perf_counter()
import phonenumbers, text_to_num
for region in ("BF", "CI", "MG", "SN", "TG", "MA", "TN", "CO", "CR", "HN", "PE"):
    phonenumbers.is_valid_number(phonenumbers.parse("70123456", region))
for language in ("en", "fr", "es"):
    text_to_num.alpha2digit("twelve douze doce", language)
seconds = time.perf_counter() - started
after = rss_kb()
print(seconds, (after - before) / 1024)
"""


def comments(seed_value: int = 11) -> list[str]:
    """Comments of 8 to 60 words, as the benchmark seeds them, in the three languages; one in ten carries
    something the screen must find."""
    rng = random.Random(seed_value)  # nosec B311 — reproducible fake text, not secrets
    texts = []
    for n in range(COMMENTS):
        language = ("en", "fr", "es")[n % 3]
        text = ". ".join(sentence(rng, language, rng.randint(8, 20)) for _ in range(rng.randint(1, 3))) + "."
        if n % 10 == 0:
            text += " " + rng.choice(SENSITIVE)
        texts.append(text)
    return texts


def per_comment_us(function, texts: list[str]) -> float:
    timings = []
    for _ in range(PASSES):
        started = time.process_time()
        for text in texts:
            function(text)
        timings.append((time.process_time() - started) / len(texts) * 1e6)
    return statistics.median(timings)


def cold_start() -> tuple[float, float]:
    """Seconds and MB of memory that loading the screen's libraries (phonenumbers' metadata of the eleven
    countries, text2num's three languages) costs a new process, once."""
    output = subprocess.run([sys.executable, "-c", COLD_START], check=True, capture_output=True,  # nosec B603
                            text=True).stdout
    seconds, megabytes = output.split()
    return float(seconds), float(megabytes)


def measure() -> dict:
    load_seconds, load_mb = cold_start()
    texts = comments()
    screen(texts[0])  # warm: the libraries' data is loaded once per process
    baseline = per_comment_us(render_markdown, texts)
    screened = per_comment_us(screen, texts)
    held = sum(1 for text in texts if screen(text))
    return {"comments": len(texts), "held": held, "baseline_markdown_us": baseline, "screen_us": screened,
            "ratio_to_baseline": screened / baseline, "target_screen_us": TARGET_SCREEN_US,
            "load_seconds": load_seconds, "load_mb": load_mb}


def describe(figures: dict) -> str:
    return (f"safeguarding screen: {figures['screen_us']:.0f} µs a comment against "
            f"{figures['baseline_markdown_us']:.0f} µs to render its Markdown "
            f"(×{figures['ratio_to_baseline']:.2f}), {figures['held']} of {figures['comments']} comments held; "
            f"loading its libraries: {figures['load_seconds'] * 1000:.0f} ms, {figures['load_mb']:.1f} MB, "
            "once per process")


if __name__ == "__main__":
    result = measure()
    print(describe(result))
    print(json.dumps(result, indent=2))
