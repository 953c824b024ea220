#!/usr/bin/env bash
# The sitegen benchmark: generate an archive of N articles, build it with a release sitegen
# (clean, no-op, one article edited, one new article), measure the floor (read + cmark + plain writes) in the
# same run, and, with Hugo on PATH, build the same Markdown with Hugo. See Benchmarks/README.md.
#
#   Benchmarks/run.sh [options] N [N ...]
#
#   --with-hugo          install Hugo (Debian package) if missing and build with it too
#   --no-hugo            skip Hugo even if it is on PATH
#   --hugo-layout L      auto (default: ../shared/bench/peer_hugo.sh when present, else own),
#                        own (Benchmarks/hugo/), or peer
#   --seed S             corpus seed (default 1)
#   --legacy-share X     share of legacy .txt articles (default 0.1)
#   --work DIR           work folder (default /tmp/sitegen-bench); each N uses DIR/N
#   --hugo-timeout S     stop a Hugo build after S seconds and report ">S" (default: no limit)
#   --repeat R           clean sitegen builds and floor runs R times, keep the fastest (default 1)
#   --no-build           use the release binaries already built
#   --keep               keep the outputs (default: the Hugo outputs and floor files are removed)
#
# Everything is written under the work folder; nothing in the repository changes.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK_ROOT=/tmp/sitegen-bench
SEED=1
LEGACY_SHARE=0.1
WITH_HUGO=auto
HUGO_LAYOUT=auto
REPEAT=1
HUGO_TIMEOUT=
BUILD=1
KEEP=0
SIZES=()
PEER_HUGO=${PEER_HUGO:-$REPO/../shared/bench/peer_hugo.sh}
[ -f "$PEER_HUGO" ] || PEER_HUGO=/work/shared/bench/peer_hugo.sh

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --with-hugo) WITH_HUGO=yes ;;
    --no-hugo) WITH_HUGO=no ;;
    --hugo-layout) HUGO_LAYOUT=$2; shift ;;
    --seed) SEED=$2; shift ;;
    --legacy-share) LEGACY_SHARE=$2; shift ;;
    --work) WORK_ROOT=$2; shift ;;
    --repeat) REPEAT=$2; shift ;;
    --hugo-timeout) HUGO_TIMEOUT=$2; shift ;;
    --no-build) BUILD=0 ;;
    --keep) KEEP=1 ;;
    -h|--help) usage 0 ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) [[ $1 =~ ^[0-9]+$ ]] && [ "$1" -gt 0 ] || { echo "N must be a positive number: $1" >&2; exit 2; }
       SIZES+=("$1") ;;
  esac
  shift
done
[ ${#SIZES[@]} -gt 0 ] || usage
case "$HUGO_LAYOUT" in auto|own|peer) ;; *) echo "--hugo-layout: auto, own or peer" >&2; exit 2 ;; esac

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
apt_install() {  # apt_install PACKAGE: the Debian way, once
  log "installing $1 (apt-get)"
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq >/dev/null 2>&1 || true; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >/dev/null 2>&1 || { echo "cannot install $1" >&2; return 1; }
}

# --- tools ---------------------------------------------------------------------------------
[ -x /usr/bin/time ] || apt_install time
command -v cmark >/dev/null || apt_install cmark || true
if [ "$WITH_HUGO" = yes ] && ! command -v hugo >/dev/null; then apt_install hugo || true; fi
USE_HUGO=0
if [ "$WITH_HUGO" != no ] && command -v hugo >/dev/null; then USE_HUGO=1; fi
if [ "$HUGO_LAYOUT" = auto ]; then
  if [ -f "$PEER_HUGO" ]; then HUGO_LAYOUT=peer; else HUGO_LAYOUT=own; fi
fi
if [ "$HUGO_LAYOUT" = peer ] && [ ! -f "$PEER_HUGO" ]; then echo "no peer_hugo.sh at $PEER_HUGO" >&2; exit 2; fi

mkdir -p "$WORK_ROOT"
WORK_ROOT=$(cd "$WORK_ROOT" && pwd)

# Old outputs are moved aside during the run and deleted at its end. On ext4 without a journal
# (as here), creating files soon after deleting many makes the kernel skip every recently freed
# inode (recently_deleted() in ext4's inode allocator): a minute after the deletion, or six when
# the inode table has been written to since. A build after `rm -rf` of 65,000 files spent 15 to
# 25 s more in the kernel. Deleting at the end keeps every measurement (sitegen, floor, Hugo)
# away from that, and the next run waits out the six minutes.
TRASH="$WORK_ROOT/trash"
CLEANED="$WORK_ROOT/.last-cleanup"
discard() {  # discard PATH...: move aside now, delete at the end of the run
  mkdir -p "$TRASH"
  local path
  for path in "$@"; do
    [ -e "$path" ] || continue
    mv "$path" "$TRASH/$(date +%s%N)-$(basename "$path")"
  done
}
cleanup() { if [ -d "$TRASH" ]; then rm -rf "$TRASH"; sync; touch "$CLEANED"; fi; }
trap cleanup EXIT
cleanup
if [ -f "$CLEANED" ]; then
  wait_s=$(( 361 - ($(date +%s) - $(stat -c %Y "$CLEANED")) ))
  if [ "$wait_s" -gt 0 ]; then echo "waiting ${wait_s} s: files were deleted under $WORK_ROOT less than six minutes ago" >&2; sleep "$wait_s"; fi
fi
FLOOR_WRITE="$WORK_ROOT/floor_write"
if [ ! -x "$FLOOR_WRITE" ] || [ "$REPO/Benchmarks/floor_write.c" -nt "$FLOOR_WRITE" ]; then
  if command -v cc >/dev/null; then
    cc -O2 -o "$FLOOR_WRITE" "$REPO/Benchmarks/floor_write.c"
  else
    FLOOR_WRITE="python3 $REPO/Benchmarks/floor_write.py"
  fi
fi

# --- build ---------------------------------------------------------------------------------
cd "$REPO"
if [ "$BUILD" = 1 ]; then
  log "swift build -c release (sitegen, sitegen-corpus)"
  swift build -c release --product sitegen-corpus
  swift build -c release --product sitegen
fi
BIN=$(swift build -c release --show-bin-path)
SITEGEN="$BIN/sitegen"
CORPUS="$BIN/sitegen-corpus"
[ -x "$SITEGEN" ] && [ -x "$CORPUS" ] || { echo "release binaries missing in $BIN (run without --no-build)" >&2; exit 1; }
GENERATOR_HASH=$(cat "$REPO"/Sources/sitegen-corpus/*.swift | sha256sum | cut -c1-16)

# --- helpers -------------------------------------------------------------------------------
# time_v FILE CMD...: runs CMD under /usr/bin/time -v, its report in FILE; returns CMD's status.
time_v() { local out=$1; shift; /usr/bin/time -v -o "$out" "$@"; }
# tv FILE KEY: wall|user|sys|rss|status from a /usr/bin/time -v report.
tv() {
  awk -v key="$2" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
    /User time/ { user = $2 } /System time/ { sys = $2 }
    /Maximum resident set size/ { rss = $2 } /Exit status/ { status = $2 }
    END {
      if (key == "wall") printf "%.2f", wall; else if (key == "user") printf "%.2f", user
      else if (key == "sys") printf "%.2f", sys; else if (key == "cpu") printf "%.2f", user + sys
      else if (key == "rss") printf "%d", rss; else if (key == "status") printf "%s", status
    }' "$1"
}
mib() { calc "%.0f" "$1 / 1024"; }                 # kB → MiB
files_in() { find "$1" -type f | wc -l; }
bytes_in() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }'; }
newer_than() { find "$1" -type f -newer "$2" | wc -l; }

# --- one size ------------------------------------------------------------------------------
RESULTS="$WORK_ROOT/results-$$.tsv"
: > "$RESULTS"

run_size() {
  local N=$1
  local W="$WORK_ROOT/$N" ; mkdir -p "$W"
  local SITE="$W/site" OUT="$W/out" R="$W/report"
  mkdir -p "$R"
  local stamp="sitegen-corpus 1 count=$N seed=$SEED legacy-share=$LEGACY_SHARE"
  # -- corpus (reused when made by the same generator with the same arguments)
  local gen_seconds="reused"
  if [ "$(head -1 "$SITE/.sitegen-corpus" 2>/dev/null)" = "$stamp" ] && [ "$(cat "$W/generator.hash" 2>/dev/null)" = "$GENERATOR_HASH" ]; then
    log "N=$N: reusing the corpus in $SITE"
  else
    log "N=$N: generating the corpus into $SITE"
    rm -rf "$SITE" "$W/bodies.md" "$W/hugo-content"
    local t0; t0=$(now)
    "$CORPUS" --count "$N" --out "$SITE" --seed "$SEED" --legacy-share "$LEGACY_SHARE"
    gen_seconds=$(elapsed "$t0" "$(now)")
    echo "$GENERATOR_HASH" > "$W/generator.hash"
  fi
  # The theme: a copy of the repository's (sitegen does not follow a symlinked templates/ folder).
  rm -rf "$SITE/templates"; cp -r "$REPO/templates" "$SITE/templates"
  local md_count txt_count
  md_count=$(find "$SITE/content" -name '*.md' | wc -l)
  txt_count=$(find "$SITE/content" -name '*.txt' | wc -l)

  # -- sitegen: clean build
  local status=ok full_wall=NA full_cpu=NA full_rss=NA files=NA bytes=NA du_bytes=NA pps=NA best=""
  for ((rep = 1; rep <= REPEAT; rep++)); do
    log "N=$N: sitegen build, clean (run $rep/$REPEAT)"
    discard "$OUT"; rm -rf "$SITE/.sitegen-cache"
    sync
    if time_v "$R/time-full-$rep.txt" "$SITEGEN" build --source "$SITE" --output "$OUT" --quiet > "$R/sitegen-full.log" 2>&1; then
      if [ -z "$best" ] || awk -v a="$(tv "$R/time-full-$rep.txt" wall)" -v b="$(tv "$best" wall)" 'BEGIN { exit !(a < b) }'; then
        best="$R/time-full-$rep.txt"
      fi
    else
      status=failed
      echo "sitegen build FAILED on N=$N (exit $(tv "$R/time-full-$rep.txt" status)); its output:" >&2
      head -50 "$R/sitegen-full.log" >&2
      break
    fi
  done
  local noop_wall=NA noop_files=NA edit_wall=NA edit_files=NA edit_file="" new_wall=NA new_files=NA
  if [ "$status" = ok ]; then
    cp "$best" "$R/time-full.txt"
    full_wall=$(tv "$best" wall); full_cpu=$(tv "$best" cpu); full_rss=$(mib "$(tv "$best" rss)")
    files=$(files_in "$OUT"); bytes=$(bytes_in "$OUT"); du_bytes=$(du -sb "$OUT" | cut -f1)
    pps=$(calc "%.0f" "$files / ($full_wall > 0 ? $full_wall : 0.01)")

    # -- no-op rebuild
    log "N=$N: sitegen build, nothing changed"
    touch "$R/marker"; sleep 0.05; sync
    if time_v "$R/time-noop.txt" "$SITEGEN" build --source "$SITE" --output "$OUT" > "$R/sitegen-noop.log" 2>&1; then
      noop_wall=$(tv "$R/time-noop.txt" wall); noop_files=$(newer_than "$OUT" "$R/marker")
    else
      noop_wall=FAIL; echo "no-op rebuild FAILED:" >&2; head -20 "$R/sitegen-noop.log" >&2
    fi

    # -- one article edited: a sentence appended to one Markdown file (restored afterwards)
    edit_file=$(find "$SITE/content" -name '*.md' | LC_ALL=C sort | sed -n "$(( (md_count + 1) / 2 ))p")
    cp -p "$edit_file" "$W/edited.orig"
    printf '\nMột câu mới được thêm vào cuối bài để đo lần dựng lại sau khi sửa một bài.\n' >> "$edit_file"
    log "N=$N: sitegen build, one article edited (${edit_file#$SITE/})"
    touch "$R/marker"; sleep 0.05; sync
    if time_v "$R/time-edit.txt" "$SITEGEN" build --source "$SITE" --output "$OUT" > "$R/sitegen-edit.log" 2>&1; then
      edit_wall=$(tv "$R/time-edit.txt" wall); edit_files=$(newer_than "$OUT" "$R/marker")
      find "$OUT" -type f -newer "$R/marker" | sed "s|^$OUT/||" | LC_ALL=C sort > "$R/edit-changed-files.txt"
    else
      edit_wall=FAIL; echo "one-edit rebuild FAILED:" >&2; head -20 "$R/sitegen-edit.log" >&2
    fi
    cp -p "$W/edited.orig" "$edit_file"
    # Build the restored text, so that the next row measures the new article alone (without it,
    # that build also undid the edit and rewrote the edited article's pages and search files).
    "$SITEGEN" build --source "$SITE" --output "$OUT" --quiet > /dev/null 2>&1 || echo "rebuild after restoring the edit FAILED" >&2

    # -- one new article published: the edited article's text under a new title, dated after
    # every other (so it tops every list it is in), in a folder of its own; removed afterwards
    # and the site rebuilt, so the next runs find the output as before.
    local new_folder="$SITE/content/zz-bench-new"
    mkdir -p "$new_folder"
    sed -e '0,/^title: .*/s//title: "Bài mới đăng để đo lần dựng lại sau một bài mới"/' \
        -e '0,/^date: .*/s//date: 2026-11-30T09:00:00+07:00/' -e '/^slug: /d' -e '/^aliases: /d' \
        "$W/edited.orig" > "$new_folder/bai-moi-do-dung-lai.md"
    log "N=$N: sitegen build, one new article"
    touch "$R/marker"; sleep 0.05; sync
    if time_v "$R/time-new.txt" "$SITEGEN" build --source "$SITE" --output "$OUT" > "$R/sitegen-new.log" 2>&1; then
      new_wall=$(tv "$R/time-new.txt" wall); new_files=$(newer_than "$OUT" "$R/marker")
      find "$OUT" -type f -newer "$R/marker" | sed "s|^$OUT/||" | LC_ALL=C sort > "$R/new-changed-files.txt"
      # By kind: the first folder of each path (pages of a year, a tag, the search index, ...).
      sed -E 's|^([^/]*/)?.*|\1|; s|^$|(top level)|' "$R/new-changed-files.txt" | sort | uniq -c | sort -rn > "$R/new-changed-kinds.txt"
    else
      new_wall=FAIL; echo "new-article rebuild FAILED:" >&2; head -20 "$R/sitegen-new.log" >&2
    fi
    rm -rf "$new_folder"
    "$SITEGEN" build --source "$SITE" --output "$OUT" --quiet > /dev/null 2>&1 || echo "rebuild after removing the new article FAILED" >&2
  fi

  # -- the floor: read the sources, cmark every body, write as many files and bytes as sitegen did
  log "N=$N: the floor"
  if [ ! -s "$W/bodies.md" ]; then  # every Markdown body without its front matter, and the legacy texts
    find "$SITE/content" \( -name '*.md' -o -name '*.txt' \) -print0 | LC_ALL=C sort -z |
      xargs -0 awk 'FNR == 1 { fm = ($0 == "---"); if (fm) next } fm && ($0 == "---") { fm = 0; next } !fm' > "$W/bodies.md"
  fi
  local floor_files=$files floor_bytes=$bytes
  if [ "$floor_files" = NA ]; then floor_files=$(( N + N / 4 )); floor_bytes=$(( N * 12000 )); fi  # sitegen failed: a guess
  local read_s="" cmark_s="" write_s=""
  for ((rep = 1; rep <= REPEAT; rep++)); do
    sync
    local t0 t1 r c wr
    t0=$(now)
    find "$SITE/content" \( -name '*.md' -o -name '*.txt' \) -print0 | xargs -0 cat > /dev/null
    t1=$(now); r=$(elapsed "$t0" "$t1")
    if command -v cmark >/dev/null; then
      t0=$(now); cmark "$W/bodies.md" > /dev/null; t1=$(now); c=$(elapsed "$t0" "$t1")
    else
      c=NA
    fi
    discard "$W/floor-write"; sync
    wr=$($FLOOR_WRITE "$W/floor-write" "$floor_files" "$floor_bytes")
    discard "$W/floor-write"
    [ -z "$read_s" ] || awk -v a="$r" -v b="$read_s" 'BEGIN { exit !(a < b) }' && read_s=$r
    [ -z "$cmark_s" ] || [ "$c" = NA ] || awk -v a="$c" -v b="$cmark_s" 'BEGIN { exit !(a < b) }' && cmark_s=$c
    [ -z "$write_s" ] || awk -v a="$wr" -v b="$write_s" 'BEGIN { exit !(a < b) }' && write_s=$wr
  done
  local floor
  floor=$(calc "%.2f" "$read_s + ${cmark_s/NA/0} + $write_s")
  local ratio=NA
  [ "$full_wall" = NA ] || ratio=$(calc "%.1f" "$full_wall / $floor")

  # -- Hugo, same Markdown (the legacy .txt files are not Hugo content), with and without related
  local h_wall=NA h_rss=NA h_cpu=NA h_files=NA h_bytes=NA hn_wall=NA hn_rss=NA hn_files=NA hugo_version=""
  if [ "$USE_HUGO" = 1 ]; then
    hugo_version=$(hugo version | awk '{ print $2 }')
    local HC="$W/hugo-content"
    if [ ! -d "$HC/posts" ]; then  # hard links: the same files, minus legacy/
      mkdir -p "$HC/posts"
      for d in "$SITE"/content/*/; do
        [ "$(basename "$d")" = legacy ] || cp -al "$d" "$HC/posts/$(basename "$d")"
      done
    fi
    local variant
    for variant in related norelated; do
      local HS="$W/hugo-site-$variant" HO="$W/hugo-out-$variant" related=1
      [ "$variant" = related ] || related=0
      discard "$HS" "$HO"
      if [ "$HUGO_LAYOUT" = peer ]; then
        HUGO_SITE_DIR="$HS" PEER_SETUP_ONLY=1 PEER_HUGO_RELATED=$related sh "$PEER_HUGO" "$HC" "$HO" > /dev/null
      else
        mkdir -p "$HS"
        cp -r "$REPO/Benchmarks/hugo/layouts" "$HS/layouts"
        [ "$related" = 1 ] || sed -i '/related:begin/,/related:end/d' "$HS/layouts/_default/single.html"
        { cat "$REPO/Benchmarks/hugo/config.toml"
          printf '\n[[module.mounts]]\n  source = "%s"\n  target = "content/posts"\n' "$HC/posts"; } > "$HS/config.toml"
      fi
      log "N=$N: hugo ($HUGO_LAYOUT layout, $variant)"
      sync
      local limit=()
      [ -z "$HUGO_TIMEOUT" ] || limit=(timeout "$HUGO_TIMEOUT")
      local hugo_status=0
      time_v "$R/time-hugo-$variant.txt" "${limit[@]}" hugo -s "$HS" -d "$HO" --cleanDestinationDir --quiet > "$R/hugo-$variant.log" 2>&1 || hugo_status=$?
      if [ "$hugo_status" = 124 ] && [ -n "$HUGO_TIMEOUT" ]; then
        echo "hugo ($variant) stopped after $HUGO_TIMEOUT s" >&2
        if [ "$variant" = related ]; then
          h_wall=">$HUGO_TIMEOUT"; h_rss=">$(mib "$(tv "$R/time-hugo-$variant.txt" rss)")"
        else
          hn_wall=">$HUGO_TIMEOUT"; hn_rss=">$(mib "$(tv "$R/time-hugo-$variant.txt" rss)")"
        fi
      elif [ "$hugo_status" = 0 ]; then
        if [ "$variant" = related ]; then
          h_wall=$(tv "$R/time-hugo-$variant.txt" wall); h_cpu=$(tv "$R/time-hugo-$variant.txt" cpu)
          h_rss=$(mib "$(tv "$R/time-hugo-$variant.txt" rss)"); h_files=$(files_in "$HO"); h_bytes=$(bytes_in "$HO")
        else
          hn_wall=$(tv "$R/time-hugo-$variant.txt" wall); hn_rss=$(mib "$(tv "$R/time-hugo-$variant.txt" rss)")
          hn_files=$(files_in "$HO")
        fi
      else
        echo "hugo ($variant) FAILED:" >&2; head -20 "$R/hugo-$variant.log" >&2
      fi
      [ "$KEEP" = 1 ] || discard "$HO"
    done
  fi

  # -- this size's details
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  {
    echo "N=$N  corpus: $md_count Markdown + $txt_count legacy .txt, $(du -sb "$SITE/content" | cut -f1) bytes (generated in ${gen_seconds} s; seed $SEED)"
    echo "  sitegen clean build: $status, wall $full_wall s, CPU $full_cpu s, peak RSS $full_rss MiB, $files files, $bytes bytes ($du_bytes by du -sb), $pps files/s"
    echo "  no-op rebuild: wall $noop_wall s, files written $noop_files"
    echo "  one-edit rebuild: wall $edit_wall s, files written $edit_files (${edit_file#$SITE/}; list in $R/edit-changed-files.txt)"
    echo "  one new article: wall $new_wall s, files written $new_files (list in $R/new-changed-files.txt, by kind in $R/new-changed-kinds.txt)"
    echo "  floor: read ${read_s} s + cmark ${cmark_s} s + write ${write_s} s ($floor_files files, $floor_bytes bytes) = $floor s"
    [ "$USE_HUGO" = 0 ] || echo "  hugo $hugo_version ($HUGO_LAYOUT layout, $(( md_count )) Markdown articles): related wall $h_wall s, CPU $h_cpu s, RSS $h_rss MiB, $h_files files, $h_bytes bytes; no related wall $hn_wall s, RSS $hn_rss MiB, $hn_files files"
    echo "  load average at the end: $load; reports in $R"
  } | tee "$R/summary.txt" >&2
  printf '%s\n' "$N" "$status" "$full_wall" "$full_cpu" "$full_rss" "$pps" "$files" "$bytes" "$noop_wall" "$noop_files" \
    "$edit_wall" "$edit_files" "$floor" "$ratio" "$h_wall" "$hn_wall" "$h_rss" "$h_files" "$read_s" "$cmark_s" "$write_s" "$load" \
    "$new_wall" "$new_files" | paste -sd '\t' >> "$RESULTS"
}

for N in "${SIZES[@]}"; do run_size "$N"; done

# --- the table -----------------------------------------------------------------------------
ratio() {  # a ">3600" (Hugo stopped by --hugo-timeout) gives "≥x"
  if [ "$1" = NA ] || [ "$2" = NA ]; then echo NA
  elif [ "${1#>}" != "$1" ]; then echo "≥$(calc "%.1f" "${1#>} / $2")"
  else calc "%.1f" "$1 / $2"; fi
}
pct() { if [ "$1" = NA ] || [ "$2" = NA ] || [ "$1" = FAIL ]; then echo NA; else calc "%.1f" "100 * $1 / $2"; fi; }
{
  echo
  echo "### sitegen benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, seed $SEED, legacy share $LEGACY_SHARE$([ "$USE_HUGO" = 1 ] && echo ", Hugo $(hugo version | awk '{ print $2 }') $HUGO_LAYOUT layout"))"
  echo
  echo "| N | full wall | CPU | peak RSS | files/s | no-op wall (files written) | one-edit wall (files written) | one new article wall (files written) | floor | ×floor | Hugo wall related / no related | Hugo ÷ sitegen (related / no related) | Hugo RSS |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  while IFS=$'\t' read -r N status fw fc fr pps files bytes nw nf ew ef floor fratio hw hnw hr hf rs cs ws load new_w new_f; do
    if [ "$status" != ok ]; then
      echo "| $N | FAILED | | | | | | | $floor s | | $hw s / $hnw s | | $hr MiB |"
      continue
    fi
    if [ "$hw" = NA ] && [ "$hnw" = NA ]; then hugo_cells="— | — | —"
    else hugo_cells="$hw s / $hnw s | $(ratio "$hw" "$fw")× / $(ratio "$hnw" "$fw")× | $hr MiB"; fi
    echo "| $N | $fw s | $fc s | $fr MiB | $pps | $nw s ($nf) | $ew s ($ef) | $new_w s ($new_f) | $floor s | $fratio× | $hugo_cells |"
  done < "$RESULTS"
  echo
  echo "Files and bytes written by the clean build; floor = read all sources + cmark over all bodies + plain writes of the same files and bytes (one thread each). Load average at the end of each size: $(cut -f1,22 "$RESULTS" | awk -F'\t' '{ printf "%sN=%s: %s", (NR > 1 ? "; " : ""), $1, $2 }')."
  echo
  echo "Targets (issues 6, 11, 12):"
  while IFS=$'\t' read -r N status fw fc fr pps files bytes nw nf ew ef floor fratio hw hnw hr hf rs cs ws load new_w new_f; do
    [ "$status" = ok ] || { echo "- N=$N: sitegen failed"; continue; }
    check() { awk -v v="${1#≥}" -v t="$2" -v op="$3" 'BEGIN { if (v == "NA" || v == "") { print "n/a"; exit } ok = (op == "le") ? (v + 0 <= t + 0) : (v + 0 >= t + 0); print (ok ? "yes" : "NO") }'; }
    local_line="- N=$N: ≤2.5× floor: $(check "$fratio" 2.5 le) ($fratio×)"
    local_line+="; no-op ≤3% and 0 files: $( [ "$nf" = 0 ] && check "$(pct "$nw" "$fw")" 3 le || echo NO) ($(pct "$nw" "$fw")%, $nf files)"
    local_line+="; one edit ≤5%: $(check "$(pct "$ew" "$fw")" 5 le) ($(pct "$ew" "$fw")%, $ef files)"
    local_line+="; one new article ≤5% and ≤100 files: $( [ "$new_f" != NA ] && [ "$new_f" -le 100 ] && check "$(pct "$new_w" "$fw")" 5 le || echo NO) ($(pct "$new_w" "$fw")%, $new_f files)"
    if [ "$hw" != NA ]; then
      local_line+="; ≥10× Hugo related: $(check "$(ratio "$hw" "$fw")" 10 ge); ≥3× Hugo no related: $(check "$(ratio "$hnw" "$fw")" 3 ge)"
      if [ "${hr#>}" != "$hr" ] && [ "$(check "$(ratio "$hr" "$fr")" 3 ge)" = NO ]; then
        # Hugo was stopped: its memory then is only a lower bound of its peak.
        local_line+="; RSS ≤⅓ Hugo: unknown (Hugo stopped at ${hr#>} MiB, short of its peak)"
      else
        local_line+="; RSS ≤⅓ Hugo: $(check "$(ratio "$hr" "$fr")" 3 ge)"
      fi
    fi
    echo "$local_line"
  done < "$RESULTS"
  # Scaling: each N against any smaller N in this run.
  awk -F'\t' '$2 == "ok" { n[NR] = $1; w[NR] = $3; c = NR }
    END { for (i = 1; i <= c; i++) for (j = 1; j <= c; j++) if (n[j] > n[i] && w[i] > 0)
      printf "- scaling: N=%s takes %.1f× the time of N=%s (%.0f× the articles; target ≤ %.1f×): %s\n", n[j], w[j] / w[i], n[i], n[j] / n[i], 1.1 * n[j] / n[i], (w[j] / w[i] <= 1.1 * n[j] / n[i] ? "yes" : "NO") }' "$RESULTS"
} | tee "$WORK_ROOT/results.md"
rm -f "$RESULTS"
