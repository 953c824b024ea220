#!/usr/bin/env bash
# Writes a site of hostile files (issue 16) into DIR and builds it under /usr/bin/time -v,
# printing the exit code and the peak memory: a build must stay under 1 GiB whatever the input.
# Two builds: every hostile file at once (the build must fail, naming each one), then the
# ones a build survives with warnings (loops, links out, deep folders, odd words), to see a
# successful build's memory too.
# The inputs are those of Tests/SiteKitTests/Hostile (and the issue's), some at a larger scale.
# Usage: Benchmarks/hostile.sh DIR [SITEGEN_BINARY]
set -euo pipefail
dir="$1"
binary="${2:-$(dirname "$0")/../.build/debug/sitegen}"
templates="$(cd "$(dirname "$0")/.." && pwd)/templates"
rm -rf "$dir" && mkdir -p "$dir/content/ok" "$dir/content/bad" "$dir/data"
cp -r "$templates" "$dir/templates"
printf 'title: "Hostile"\nbase_url: "/"\n' > "$dir/site.yml"

# Survivable: loops, a link out of the site, a dangling link, 70 nested folders, object-property words, a long line.
for i in $(seq 1 200); do
  printf -- '---\ntitle: "Bài %s constructor __proto__"\ndate: 2023-08-%02d\ntags: ["toString", "Thẻ %s"]\n---\n\nconstructor hasOwnProperty %s\n' "$i" $((i % 28 + 1)) $((i % 7)) "$i" > "$dir/content/ok/$i.md"
done
ln -s . "$dir/content/ok/l1"; ln -s . "$dir/content/ok/l2"; ln -s /etc "$dir/content/ok/etc"; ln -s missing.md "$dir/content/ok/dangling.md"
deep="$dir/content/ok"; for i in $(seq 1 70); do deep="$deep/d$i"; done; mkdir -p "$deep"
printf -- '---\ntitle: "Sâu"\ndate: 2023-08-01\n---\n' > "$deep/x.md"
python3 -c "print('---\ntitle: \"Dòng dài\"\ndate: 2023-08-01\n---\n' + 'chữ ' * 2_000_000)" > "$dir/content/ok/long-line.md"

# cmark's pathological inputs, a legacy file of one 1 MB line, and 2,000 articles with one title.
python3 - "$dir/content/ok" <<'PY'
import os, sys
d = sys.argv[1]
open(d + "/quotes.md", "w").write('---\ntitle: "Trích"\ndate: 2023-08-02\n---\n\n' + ">" * 50_000 + " x\n\n" + "[" * 50_000 + "\n")
open(d + "/one-line.txt", "w").write("Một dòng dài\nLượt xem: 12\n" + "Sáng 1/8/2023, chữ. " * 50_000 + "\n")
os.makedirs(d + "/same", exist_ok=True)
for i in range(2000):
    open("%s/same/%d.md" % (d, i), "w").write('---\ntitle: "Cùng một tiêu đề"\ndate: 2023-07-%02d\n---\n\nThân %d.\n' % (i % 28 + 1, i))
PY

echo "== survivable files (the build succeeds with warnings)"
/usr/bin/time -v "$binary" build --source "$dir" --quiet 2> "$dir/time-ok.txt" || true
grep -E "Exit status|Maximum resident|Elapsed" "$dir/time-ok.txt"
grep -c "warning" "$dir/time-ok.txt" | sed 's/^/warnings: /'

# Hostile: billion laughs, 10,000 tags, a huge front matter, deep YAML, a newline alias, a 5,000-character slug,
# the most negative views, a signed date.
{ echo '---'; echo 'title: "Cười"'; echo 'date: 2023-08-01'; echo 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
  for l in $(seq 1 9); do p=$((l - 1)); echo "a$l: &a$l [*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p,*a$p]"; done; echo '---'; } > "$dir/content/bad/laughs.md"
python3 - "$dir/content/bad" <<'PY'
import sys
d = sys.argv[1]
open(d + "/tags.md", "w").write('---\ntitle: "Thẻ"\ndate: 2023-08-01\ntags: [' + ", ".join('"t%d"' % i for i in range(10000)) + ']\n---\n')
open(d + "/huge.md", "w").write('---\ntitle: "Lớn"\ndate: 2023-08-01\nx: "' + "a" * 5_000_000 + '"\n---\n')
open(d + "/deep.md", "w").write('---\ntitle: "Sâu"\ndate: 2023-08-01\nx: ' + "[" * 5000 + "]" * 5000 + '\n---\n')
open(d + "/alias.md", "w").write('---\ntitle: "Bí danh"\ndate: 2023-08-01\naliases: ["/old.html\\n0 0 google1234.html", "/a b.html"]\n---\n')
open(d + "/slug.md", "w").write('---\ntitle: "Slug"\ndate: 2023-08-01\nslug: ' + "a" * 5000 + '\n---\n')
open(d + "/date.md", "w").write('---\ntitle: "Ngày"\ndate: -2023-08-01\n---\n')
PY
# The writer's corners (each must be an error naming its line before public/ is touched), a file
# over the size limit, invalid UTF-8, a NUL in a title.
for pair in "index:slug: index.html" "asset:aliases: [\"/assets/style.css\"]" "suffix:slug: x.sitegen-new" "case:aliases: [\"/Feed.xml\"]"; do
  printf -- '---\ntitle: "Đường %s"\ndate: 2023-08-01\n%s\n---\n' "${pair%%:*}" "${pair#*:}" > "$dir/content/bad/path-${pair%%:*}.md"
done
python3 - "$dir/content/bad" <<'PY'
import sys
d = sys.argv[1]
open(d + "/big.md", "w").write('---\ntitle: "To"\ndate: 2023-08-01\n---\n' + "chữ " * 9_000_000)
open(d + "/latin1.md", "wb").write(b'---\ntitle: "Ti\xeau \xf0\xe8"\ndate: 2023-08-01\n---\n')
open(d + "/nul.md", "w").write('---\ntitle: "A\x00B"\ndate: 2023-08-01\n---\n')
PY
printf 'slug,views\nbai-1-constructor-proto,-9223372036854775808\n' > "$dir/data/views.csv"
echo "== every hostile file (the build fails, naming each)"
/usr/bin/time -v "$binary" build --source "$dir" --quiet 2> "$dir/time-bad.txt" || true
grep -E "Exit status|Maximum resident|Elapsed" "$dir/time-bad.txt"
grep -E "^(error: )?(content|data)/" "$dir/time-bad.txt" | cut -c1-160 || true
