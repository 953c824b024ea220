#!/usr/bin/env bash
# Builds the libFuzzer targets (Fuzz/main.swift, `-sanitize=fuzzer,address`, in .build-fuzz)
# and runs each for SECONDS (default 30), seeded from Fuzz/seeds/<target> and, for the content
# readers, ../shared/corpus-sample when it is there (and the template parser from the theme in
# templates/). Prints one line per target:
#   <target>: <executions> executions in <seconds> s, <crashes> crashes
# and exits non-zero when any target crashed (the input is kept in .build-fuzz/crashes/<target>).
# Usage: Fuzz/run.sh [SECONDS] [TARGET...]
# The mutations follow FUZZ_SEED (default 1), so a CI run repeats what the last one tried
# instead of failing at random; set another seed (or 0 for a random one) to explore further.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(frontmatter yaml legacy dates slugs views cache templates)

SITEGEN_FUZZ=1 swift build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address --product sitegen-fuzz
binary=.build-fuzz/debug/sitegen-fuzz

failed=0
for target in "${targets[@]}"; do
  corpus=.build-fuzz/corpus/$target crashes=.build-fuzz/crashes/$target
  mkdir -p "$corpus" "$crashes"
  seeds=(Fuzz/seeds/$target)
  case $target in
    frontmatter) [ -d ../shared/corpus-sample ] && seeds+=(../shared/corpus-sample) ;;
    legacy) [ -d ../shared/corpus-sample ] && seeds+=(../shared/corpus-sample) ;;
    templates)
      # The theme as the target reads one: each page template as "main", followed by every
      # template of templates/ (NUL, its name, a newline, its text), so partials and parents resolve.
      theme=.build-fuzz/seeds-theme
      rm -rf "$theme" && mkdir -p "$theme"
      while IFS= read -r page; do
        { cat "$page"
          while IFS= read -r file; do
            name=${file#templates/}
            printf '\0%s\n' "${name%.mustache}"
            cat "$file"
          done < <(find templates -name '*.mustache' | sort)
        } > "$theme/$(basename "$page" .mustache)"
      done < <(find templates -maxdepth 1 -name '*.mustache' | sort)
      seeds+=("$theme") ;;
  esac
  log=.build-fuzz/$target.log
  status=0
  FUZZ_TARGET=$target "$binary" "$corpus" "${seeds[@]}" -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  # Crashes, leaks, hangs (over -timeout) and memory over -rss_limit_mb fail; a slow unit (over
  # 10 s wall, which a busy machine can cause) is only reported.
  found=$(find "$crashes" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  slow=$(find "$crashes" -type f -name 'slow-unit-*' | wc -l)
  echo "$target: ${runs:-0} executions in $seconds s, $found crashes$([ "$slow" -eq 0 ] || echo ", $slow slow units")"
  if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
    failed=1
    tail -40 "$log"
  fi
done
exit $failed
