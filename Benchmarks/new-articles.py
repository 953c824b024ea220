#!/usr/bin/env python3
"""Publishes articles one at a time into a built site and lists the files each rebuild changed.

Builds SITE into OUT (with the build cache), then K times: writes one new Markdown article dated
after every other (its body, tags and category copied from an existing article, picked by the seed,
so it reads like the archive), rebuilds, and compares every output file's bytes with the previous
build. Prints per article the files written (added or changed), removed, and how many of them are
search index files; the lists go to OUT/../new-articles-N.txt. The new articles are removed at the end
(and the site rebuilt, so OUT is as before).

Usage: Benchmarks/new-articles.py --sitegen BIN --site SITE --out OUT [--articles K] [--seed S]
"""
import argparse
import glob
import hashlib
import os
import random
import re
import subprocess
import sys


def snapshot(folder):
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, folder)] = hashlib.sha1(f.read()).digest()
    return files


def build(args):
    subprocess.run([args.sitegen, "build", "--source", args.site, "--output", args.out, "--quiet"], check=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitegen", required=True)
    parser.add_argument("--site", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search", default="tim-kiem/")
    args = parser.parse_args()
    sources = sorted(glob.glob(os.path.join(args.site, "content", "**", "*.md"), recursive=True))
    rng = random.Random(args.seed)
    folder = os.path.join(args.site, "content", "zz-new-articles")
    os.makedirs(folder, exist_ok=True)
    build(args)
    before = snapshot(args.out)
    totals = []
    try:
        for number in range(1, args.articles + 1):
            with open(rng.choice(sources), encoding="utf-8") as f:
                text = f.read()
            text = re.sub(r'(?m)^title: .*$', f'title: "Bài mới số {number} về {rng.randrange(10**6)}"', text, count=1)
            text = re.sub(r'(?m)^date: .*$', f"date: 2026-11-30T{8 + number % 12:02d}:{number % 60:02d}:00+07:00", text, count=1)
            text = re.sub(r'(?m)^(slug|aliases): .*\n', "", text)
            with open(os.path.join(folder, f"bai-moi-{number}.md"), "w", encoding="utf-8") as f:
                f.write(text)
            build(args)
            after = snapshot(args.out)
            written = sorted(p for p in after if before.get(p) != after[p])
            removed = sorted(p for p in before if p not in after)
            search = [p for p in written if p.startswith(args.search)]
            totals.append((len(written), len(removed), len(search)))
            print(f"article {number}: {len(written)} files written ({len(search)} search, {len(written) - len(search)} other), "
                  f"{len(removed)} removed", flush=True)
            with open(os.path.join(os.path.dirname(os.path.abspath(args.out)), f"new-articles-{number}.txt"), "w") as f:
                f.write("\n".join(["# written"] + written + ["# removed"] + removed) + "\n")
            before = after
    finally:
        for path in glob.glob(os.path.join(folder, "*.md")):
            os.remove(path)
        os.rmdir(folder)
        build(args)
    written = sorted(t[0] for t in totals)
    print(f"median {written[len(written) // 2]} files written, max {written[-1]}; search files median "
          f"{sorted(t[2] for t in totals)[len(totals) // 2]}")


if __name__ == "__main__":
    sys.exit(main())
