#!/usr/bin/env bash
# Measures `sitegen deploy` to an S3-compatible server on 127.0.0.1 (moto_server, PyPI's
# moto[server]): a first deploy of a built site, then a deploy after one new article.
# Prints files uploaded, bytes, requests and wall time of each (the command's own summary).
#
#   Benchmarks/deploy.sh sample      # the repository's sample archive (content/)
#   Benchmarks/deploy.sh N           # a generated archive of N articles (sitegen-corpus)
#
# Uses the release binaries in .build/release (built when missing). Writes only under
# /tmp/sitegen-deploy-bench; the server is stopped at the end.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WHAT=${1:?usage: Benchmarks/deploy.sh sample|N}
WORK=/tmp/sitegen-deploy-bench/$WHAT
BIN=$REPO/.build/release
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

[ -x "$BIN/sitegen" ] || (cd "$REPO" && swift build -c release --product sitegen)
rm -rf "$WORK" && mkdir -p "$WORK"
SITE=$WORK/site
if [ "$WHAT" = sample ]; then
  mkdir -p "$SITE" && cp -r "$REPO/site.yml" "$REPO/content" "$REPO/templates" "$SITE/"
  [ -d "$REPO/data" ] && cp -r "$REPO/data" "$SITE/"
else
  [ -x "$BIN/sitegen-corpus" ] || (cd "$REPO" && swift build -c release --product sitegen-corpus)
  log "generating $WHAT articles"
  "$BIN/sitegen-corpus" --count "$WHAT" --out "$SITE" > /dev/null
  [ -d "$SITE/templates" ] || cp -r "$REPO/templates" "$SITE/"
fi
log "building"
"$BIN/sitegen" build --source "$SITE" --quiet
echo "built: $(find "$SITE/public" -type f | wc -l) files, $(du -sh "$SITE/public" | cut -f1)"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$PORT" > "$WORK/moto.log" 2>&1 &
MOTO=$!
trap 'kill -9 $MOTO 2>/dev/null || true' EXIT  # moto_server was seen to ignore SIGTERM
for _ in $(seq 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT))" 2>/dev/null && break; sleep 0.1; done
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench
python3 -c "import boto3; boto3.client('s3', endpoint_url='http://127.0.0.1:$PORT', region_name='us-east-1').create_bucket(Bucket='bench')"
TARGET="s3://bench/?endpoint=http://127.0.0.1:$PORT&region=us-east-1"

log "first deploy"
/usr/bin/time -f '%e s wall, %M KB peak' "$BIN/sitegen" deploy "$TARGET" --source "$SITE"

log "one new article"
mkdir -p "$SITE/content/2026/11"
printf -- '---\ntitle: "Bài viết mới để đo lần triển khai"\ndate: 2026-11-30T08:00:00+07:00\ntags: ["Tỉnh ủy"]\n---\n\nMột bài mới.\n' \
  > "$SITE/content/2026/11/bai-moi.md"
"$BIN/sitegen" build --source "$SITE" --quiet
/usr/bin/time -f '%e s wall, %M KB peak' "$BIN/sitegen" deploy "$TARGET" --source "$SITE"
