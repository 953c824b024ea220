#!/usr/bin/env python3
"""How right are the dates `sitegen import` estimates from an article's neighbours? Held out and checked.

    Benchmarks/archive-dates-holdout.py [--sitegen .build/debug/sitegen] [--corpus ../shared/corpus-dev] [--folds 10]

Half of a scraped archive's dates are estimated (no date in the text) and most of the rest take
their year from the neighbours ("Chiều 5/6"): nothing says whether those are right. This script
gives them ground truth. The test points are the articles whose date is known with confidence:

  title      the title states the date ("Kết quả xổ số ngày 6/2/2017"), as archive-measure.py reads it
  lead full  the lead states a full date with its year ("Ngày 6/2/2017, …"), line 2 of the file
  lead d/m   the lead states a day and month ("Chiều 5/6, …") and the year from the neighbours is
             unambiguous: the date is within 60 days of the median of the 10 nearest dated articles
             in id order (another year's candidate is a year away)

Each point's own evidence is hidden and sitegen dates it again from the rest of the archive:

  estimate   every date is removed from the article's text: it is estimated from its neighbours
             (accuracy of the "estimated from neighbours" source; all three kinds of point)
  year       the lead's date keeps its day and month but loses its year, and every other year is
             removed: the year comes from the neighbours (accuracy of the "year from neighbours"
             source; title and lead full points only, whose year is their own)

Leave-one-out needs one import per point (a debug import of corpus-dev takes minutes); instead the
points are dealt into folds (every k-th point in id order) and each fold is hidden at once. With
the default two folds of the estimate test, an article loses about a sixth of its anchors: close
to leave-one-out and slightly pessimistic. The year test hides its few points at once (a year
needs the neighbours within months, not days). Prints, per test and kind of point, the
share within 0, 1, 3 and 7 days, then the share of all articles expected within 3 days: the sum
over sources of (share of articles × measured accuracy). Writes nothing outside a temp folder
(and the `--rows` file when asked).

A point's truth is only as good as the text it came from: a lead's full date is often another
event's ("Từ ngày 15/2/2017, Nghị định … có hiệu lực", a concert to come, an anniversary in
brackets). `archive-dates-reviewed.tsv` holds a review of the points by hand (its header says
which); every figure is printed twice, raw and with the review applied (points whose date names
another event dropped, truths corrected where the text shows the article's own day).
"""
import argparse, bisect, collections, datetime, importlib.util, os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("archive_measure", os.path.join(HERE, "archive-measure.py"))
measure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(measure)

DAY_MONTH = r"\d{1,2}\s*[/.-]\s*\d{1,2}"
FULL = re.compile(r"(?<![\d/.-])(" + DAY_MONTH + r")\s*[/.-]\s*(?:19|20)\d\d(?![\d/])")
ANY_DATE = re.compile(r"(?<![\d/.,-])" + DAY_MONTH + r"(?:\s*[/.-]\s*\d{2,4})?(?![\d/]|\.\d)")
WORDY = re.compile(r"(ngày\s+\d{1,2}\s+tháng\s+\d{1,2})(\s+năm\s+\d{4})?", re.I)
MONTH_YEAR = re.compile(r"(tháng\s+\d{1,2})\s+năm\s+\d{4}", re.I)
WINDOWS = [0, 1, 3, 7]


def strip_all(text):
    """The text with no date left in it."""
    text = WORDY.sub("hôm ấy", text)
    return ANY_DATE.sub("hôm ấy", text)


def strip_years(lead, rest):
    """The lead with its dates' years removed, the rest with no full date left."""
    lead = FULL.sub(r"\1", lead)
    lead = WORDY.sub(r"\1", lead)
    lead = MONTH_YEAR.sub(r"\1", lead)
    rest = [MONTH_YEAR.sub(r"\1", FULL.sub("hôm ấy", WORDY.sub("hôm ấy", line))) for line in rest]
    return lead, rest


def hide(src, dst, test):
    with open(src, encoding="utf-8", errors="surrogateescape") as f:
        lines = f.read().split("\n")
    title, lead, rest = lines[0], lines[1] if len(lines) > 1 else "", lines[2:]
    if test == "estimate":
        lead, rest = strip_all(lead), [strip_all(line) for line in rest]
    else:
        lead, rest = strip_years(lead, rest)
    with open(dst, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write("\n".join([title, lead] + rest))


def day(a):
    try:
        return datetime.date.fromisoformat(str(a.get("date", ""))[:10])
    except ValueError:
        return None


def provenance(a):
    p = a.get("provenance")
    return p.get("date", "") if isinstance(p, dict) else ""


def source(a):
    return measure.date_source(a, set())


def title_date(a, archive_end):
    title = str(a.get("title", ""))
    m = measure.TITLE_DATE.search(title)
    r = None if m else measure.REPORT_DATE.search(title)
    try:
        if m:
            return datetime.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if r:
            return datetime.date(archive_end.year, int(r.group(2)), int(r.group(1)))
    except ValueError:
        pass
    return None


def local_median(positions, dates, at, width=10):
    """The median date of the `width` dated articles nearest to position `at` in id order, itself left out.
    `positions` are the sorted positions of the dated articles, `dates` their dates."""
    i = bisect.bisect_left(positions, at)
    lo, hi, near = i - 1, i + 1 if i < len(positions) and positions[i] == at else i, []
    while len(near) < width and (lo >= 0 or hi < len(positions)):
        if hi >= len(positions) or (lo >= 0 and at - positions[lo] <= positions[hi] - at):
            near.append(dates[lo]); lo -= 1
        else:
            near.append(dates[hi]); hi += 1
    near.sort()
    return near[len(near) // 2] if near else None


EXPECT = {"estimate": "neighbours", "year": "text + neighbours' year"}


def table(rows, test):
    """Prints the shares within 0, 1, 3 and 7 days per kind of point; returns the share of all within 3 days."""
    print("  %-10s %5s %6s  %7s %7s %7s %7s  %s" % ("points", "n", "hidden", "0 d", "≤1 d", "≤3 d", "≤7 d", "median error"))
    share = 0.0
    for kind in ["title", "lead full", "lead d/m", "all"]:
        sel = [r for r in rows if kind == "all" or r[0] == kind]
        if not sel:
            continue
        ok = [r for r in sel if r[4] == EXPECT[test]]
        errors = sorted(abs((r[3] - r[2]).days) if r[3] else 10 ** 4 for r in sel)
        cells = ["%6.1f %%" % (100.0 * sum(e <= w for e in errors) / len(sel)) for w in WINDOWS]
        print("  %-10s %5d %6d  %s  %d d" % (kind, len(sel), len(ok), " ".join(cells), errors[len(errors) // 2]))
        if kind == "all":
            share = sum(e <= 3 for e in errors) / len(sel)
    print("  (hidden: how many came out with the source the test meant to exercise)")
    return share


def load_verdicts(path, points):
    """The review by hand: {id: truth} for the points it keeps (the truth corrected where it says so),
    {id: None} for those it drops; and the verdicts whose date is no longer the point's (the import
    now reads another date there, so the verdict is about another date and is not applied)."""
    verdicts, stale = {}, []
    if not path or not os.path.exists(path):
        return verdicts, stale
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 4 or not (cells[2] in ("ok", "other") or re.fullmatch(r"\d{4}-\d\d-\d\d", cells[2])):
                sys.exit("%s:%d: expected id, date, ok|other|YYYY-MM-DD, reason (tab-separated)" % (path, number))
            k, date, verdict = cells[0], datetime.date.fromisoformat(cells[1]), cells[2]
            if k not in points or points[k][1] != date:
                stale.append(k)
            elif verdict == "ok":
                verdicts[k] = date
            elif verdict == "other":
                verdicts[k] = None
            else:
                verdicts[k] = datetime.date.fromisoformat(verdict)
    return verdicts, stale


def review(rows, verdicts):
    """The rows with the review applied: dropped points left out, corrected truths put in."""
    out = []
    for kind, k, truth, got, src in rows:
        if k in verdicts:
            if verdicts[k] is None:
                continue
            truth = verdicts[k]
        out.append((kind, k, truth, got, src))
    return out


def import_site(sitegen, corpus, archive_start, templates):
    """Imports `corpus` into a temporary site; returns {old id: front matter} and the site folder."""
    root = tempfile.mkdtemp(prefix="archive-holdout-")
    with open(os.path.join(root, "site.yml"), "w") as f:
        f.write('title: "Holdout"\narchive_start: %s\n' % archive_start)
    os.makedirs(os.path.join(root, "content"))
    shutil.copytree(templates, os.path.join(root, "templates"))
    into = os.path.join(root, "content", "imported")
    run = subprocess.run([sitegen, "import", corpus, "--into", into, "--source", root], capture_output=True, text=True)
    if run.returncode not in (0, 1) and not os.path.isdir(into):
        sys.exit("import failed: " + run.stderr[-2000:])
    articles = {}
    for folder, _, names in os.walk(into):
        for name in names:
            if name.endswith(".md"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    a = measure.front_matter(f.read())
                key = os.path.basename(str(a.get("imported_from", ""))).split(".")[0]
                articles[key] = a
    shutil.rmtree(root)
    return articles


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sitegen", default=".build/debug/sitegen")
    parser.add_argument("--corpus", default="../shared/corpus-dev")
    parser.add_argument("--archive-start", default="2016-01-01")
    parser.add_argument("--archive-end", default="2017-12-31")
    parser.add_argument("--folds", type=int, default=2, help="folds of the estimate test")
    parser.add_argument("--year-folds", type=int, default=1, help="folds of the year test (a year needs no dense anchors)")
    parser.add_argument("--misses", type=int, default=8, help="worst misses to list per test")
    parser.add_argument("--reviewed", default=os.path.join(HERE, "archive-dates-reviewed.tsv"),
                        help="verdicts of a review of the test points by hand (see the file's header)")
    parser.add_argument("--rows", help="write every test row (test, kind, id, truth, got, source, title) to this TSV")
    args = parser.parse_args()
    sitegen, corpus = os.path.abspath(args.sitegen), os.path.abspath(args.corpus)
    templates = os.path.join(os.path.dirname(HERE), "templates")
    end = datetime.date.fromisoformat(args.archive_end)
    start = datetime.date.fromisoformat(args.archive_start)

    base = import_site(sitegen, corpus, args.archive_start, templates)
    ids = sorted(base, key=lambda k: (len(k), k))
    n = len(ids)
    sources = collections.Counter(source(base[k]) for k in ids)
    print("== %d articles of %s; dates by source:" % (n, corpus))
    for name, count in sources.most_common():
        print("  %-26s %5d  %5.1f %%" % (name, count, 100.0 * count / n))

    # The test points and their truth.
    points = {}  # id -> (kind, truth)
    for k in ids:
        a, got = base[k], day(base[k])
        stated = title_date(a, end)
        prov = provenance(a)
        if stated and start <= stated <= end:
            points[k] = ("title", stated)
        elif got and start <= got <= end and re.search(r", line 2(;|$)", prov):
            if source(a) == "text":
                points[k] = ("lead full", got)
            elif source(a) == "text + neighbours' year":
                points[k] = ("lead d/m", got)
    # A day and month's year is unambiguous when the date is near what the articles around it say
    # (another year's candidate is a year away): 60 days.
    positions = [j for j, k in enumerate(ids) if source(base[k]) in ("text", "text + neighbours' year") and day(base[k])]
    dates = [day(base[ids[j]]) for j in positions]
    for at, k in enumerate(ids):
        if k in points and points[k][0] == "lead d/m":
            median = local_median(positions, dates, at)
            if median is None or abs((points[k][1] - median).days) > 60:
                del points[k]
    kinds = collections.Counter(kind for kind, _ in points.values())
    print("test points: " + ", ".join("%s %d" % kv for kv in sorted(kinds.items())))

    results = {"estimate": [], "year": []}  # (kind, id, truth, got, source after hiding)
    work = tempfile.mkdtemp(prefix="archive-holdout-corpus-")
    try:
        for test in ("estimate", "year"):
            eligible = [k for k in ids if k in points and (test == "estimate" or points[k][0] != "lead d/m")]
            folds = args.folds if test == "estimate" else args.year_folds
            for fold in range(folds):
                hidden = set(eligible[fold::folds])
                if not hidden:
                    continue
                folder = os.path.join(work, "%s-%d" % (test, fold))
                os.makedirs(folder)
                for k in ids:
                    src, dst = os.path.join(corpus, k + ".txt"), os.path.join(folder, k + ".txt")
                    if k in hidden:
                        hide(src, dst, test)
                    else:
                        os.symlink(src, dst)
                got = import_site(sitegen, folder, args.archive_start, templates)
                shutil.rmtree(folder)
                for k in hidden:
                    kind, truth = points[k]
                    results[test].append((kind, k, truth, day(got.get(k, {})), source(got.get(k, {}))))
                print("  %s fold %d/%d: %d hidden" % (test, fold + 1, folds, len(hidden)), file=sys.stderr)
    finally:
        shutil.rmtree(work)

    if args.rows:
        with open(args.rows, "w", encoding="utf-8") as f:
            for test, rows in results.items():
                for kind, k, truth, got, src in rows:
                    f.write("\t".join([test, kind, k, str(truth), str(got), src, str(base[k].get("title", ""))]) + "\n")

    verdicts, stale = load_verdicts(args.reviewed, points)
    reviewed = {test: review(rows, verdicts) for test, rows in results.items()}
    if verdicts or stale:
        judged = collections.Counter(points[k][0] for k in verdicts)
        dropped = collections.Counter(points[k][0] for k, v in verdicts.items() if v is None)
        corrected = collections.Counter(points[k][0] for k, v in verdicts.items() if v not in (None, points[k][1]))
        print("\n== review by hand (%s): %d points judged (%s), %d dropped (%s), %d corrected; %d verdicts stale "
              "(their date is no longer the point's)" % (
                  os.path.basename(args.reviewed), len(verdicts), ", ".join("%s %d" % kv for kv in sorted(judged.items())),
                  sum(dropped.values()), ", ".join("%s %d" % kv for kv in sorted(dropped.items())),
                  sum(corrected.values()), len(stale)))

    for label, rows_of in [("raw", results), ("reviewed", reviewed)] if verdicts else [("raw", results)]:
        accuracy = {}
        for test, rows in rows_of.items():
            print("\n== %s, %s points: evidence hidden, dated again by sitegen" % (test, label))
            accuracy[test] = table(rows, test)
            worst = sorted(rows, key=lambda r: -(abs((r[3] - r[2]).days) if r[3] else 10 ** 4))[:args.misses]
            for kind, k, truth, got, src in worst:
                print("  miss %s (%s): truth %s, got %s (%s)  %s" % (k, kind, truth, got, src, str(base[k].get("title", ""))[:50]))
        # Sources whose own accuracy is checked elsewhere: a full date in the text, as the titles check it
        # (archive-measure.py), counted as right; the file time as wrong.
        by_source = {"text": 1.0, "text + neighbours' year": accuracy.get("year", 0.0),
                     "neighbours": accuracy.get("estimate", 0.0)}
        expected = sum(count * by_source.get(name, 0.0) for name, count in sources.items()) / n
        print("\n== expected share of all articles within 3 days, %s points: %.1f %%" % (label, 100.0 * expected))
        print("   = " + " + ".join("%.1f %% × %.3f (%s)" % (100.0 * c / n, by_source.get(s, 0.0), s) for s, c in sources.most_common()))
    outside = [k for k in ids if day(base[k]) and not start <= day(base[k]) <= end]
    print("dates outside %s … %s: %d" % (start, end, len(outside)))
    for k in outside[:10]:
        print("  %s %s  %s" % (base[k].get("date"), k, str(base[k].get("title", ""))[:60]))


if __name__ == "__main__":
    sys.exit(main())
