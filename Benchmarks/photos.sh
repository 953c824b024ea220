#!/usr/bin/env bash
# The photo benchmark (issue 15): N articles, each a page bundle with one 12-megapixel photo
# (4000×3000 JPEG, quality 85, drawn by Benchmarks/draw-scene.py, enlarged and given grain by
# libvips so that it compresses like a camera's photo), built with sitegen: the first build
# (every photo encoded), a rebuild after one article's text changed (nothing encoded), and a
# rebuild after one photo was replaced (one encoded). Prints wall time, peak memory (RSS) and
# the photos encoded for each. Needs the `vips` program (Debian libvips-tools) and GNU time.
#
#   Benchmarks/photos.sh [N] [--binary PATH]     (N defaults to 1000; binary to .build/debug/sitegen)
#
# Everything is written under /tmp/sitegen-photos/N; nothing in the repository changes.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${1:-1000}
BINARY=$REPO/.build/debug/sitegen
[ "${2:-}" = "--binary" ] && BINARY=$3
WORK=/tmp/sitegen-photos/$N
command -v vips >/dev/null || { echo "needs the vips program (apt-get install libvips-tools)"; exit 1; }
[ -x "$BINARY" ] || (cd "$REPO" && swift build --product sitegen)

mkdir -p "$WORK/photos"
if [ ! -f "$WORK/photos/done" ]; then
    python3 "$REPO/Benchmarks/draw-scene.py" ruong 400 300 "$WORK/scene.ppm"
    vips resize "$WORK/scene.ppm" "$WORK/big.v" 10 --kernel linear
    vips gaussnoise "$WORK/noise.v" 4000 3000 --sigma 18 --mean 0
    vips add "$WORK/big.v" "$WORK/noise.v" "$WORK/grain.v"
    vips cast "$WORK/grain.v" "$WORK/base.v" uchar
    # Each photo its own bytes (a different brightness), so that none is a copy of another.
    seq 0 $((N - 1)) | xargs -P "$(nproc)" -I{} sh -c 'vips linear "$1/base.v" "$1/photos/anh-$2.jpg[Q=85]" 0.$(( 850 + $2 / 40 * 5 )) $(( $2 % 40 ))' _ "$WORK" {}
    touch "$WORK/photos/done"
fi
SITE=$WORK/site
rm -rf "$SITE"
mkdir -p "$SITE/content"
cp -r "$REPO/templates" "$SITE/"
printf 'title: "Ảnh"\nbase_url: "/"\n' > "$SITE/site.yml"
for i in $(seq 0 $((N - 1))); do
    folder=$SITE/content/$((2016 + i % 9))/$(printf %02d $((1 + i % 12)))/bai-$i
    mkdir -p "$folder"
    ln "$WORK/photos/anh-$i.jpg" "$folder/anh.jpg" 2>/dev/null || cp "$WORK/photos/anh-$i.jpg" "$folder/anh.jpg"
    printf -- '---\ntitle: "Bài có ảnh số %d"\ndate: %d-%02d-10\nimage: anh.jpg\nimage_caption: "Ảnh số %d"\n---\n\nNội dung bài %d.\n' \
        "$i" $((2016 + i % 9)) $((1 + i % 12)) "$i" "$i" > "$folder/index.md"
done
echo "photos: $N, $(du -sh "$WORK/photos" | cut -f1) in all, each $(vipsheader -f width "$WORK/photos/anh-0.jpg")×$(vipsheader -f height "$WORK/photos/anh-0.jpg") JPEG"
run() {
    /usr/bin/time -f "%e s wall, %U s user + %S s system CPU, %M KB peak RSS" "$BINARY" build --source "$SITE" 2>&1 | sed "s/^/  $1: /"
}
run "first build"
# A sentence, not a blank line: a blank line renders the same page, so nothing would be rebuilt.
printf '\nMột câu mới ở cuối bài.\n' >> "$SITE/content/2016/01/bai-0/index.md"
run "text edit  "
rm "$SITE/content/2016/01/bai-0/anh.jpg"
vips linear "$WORK/base.v" "$SITE/content/2016/01/bai-0/anh.jpg[Q=85]" 1 45   # a brightness no other photo has
run "one photo  "
echo "output: $(du -sh "$SITE/public/img" | cut -f1) in $(ls "$SITE/public/img" | wc -l) photo files; cache: $(du -sh "$SITE/.sitegen-cache/images" | cut -f1)"
