#!/usr/bin/env bash
# Benchmark: ./portcullis check against cfn-lint on the same inputs, printed as a Markdown table for the
# README. Not a test: numbers depend on the machine, so nothing here passes or fails a build.
#
#   bench/run.sh                 # all cases
#   RUNS=10 bench/run.sh         # more runs per measurement (default 5; cfn-lint on the large case: 2)
#   SHARED=/path/to/shared bench/run.sh
#
# Cases: 100 YAML templates of the AWS sample corpus in one run (sorted by path, Rain sources left out as
# they are not deployable before `rain pkg`), one template, and a generated 1,000-resource template.
# Wall time: hyperfine (mean ± sd) when installed, else the median of /usr/bin/time runs.
# Peak memory: "Maximum resident set size" of /usr/bin/time -v (portcullis: largest of three runs).
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
CORPUS="$SHARED/corpus/aws-cloudformation-templates"
RUNS="${RUNS:-5}"
SLOW_RUNS="${SLOW_RUNS:-2}"
ONE_TEMPLATE="EC2/EC2InstanceWithSecurityGroupSample.yaml"

die() { echo "bench: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }

[[ -d "$CORPUS" ]] || die "corpus not found at $CORPUS (set SHARED)"
command -v cfn-lint >/dev/null || die "cfn-lint not found (pip install cfn-lint)"
command -v python3 >/dev/null || die "python3 not found"

# The tools this script measures with: installed when missing and we may (root, apt), else done without.
install_if_missing() {
  local missing=()
  [[ -x /usr/bin/time ]] || missing+=(time)
  command -v hyperfine >/dev/null || missing+=(hyperfine)
  ((${#missing[@]})) || return 0
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    note "installing ${missing[*]}"
    apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; } \
      || note "could not install ${missing[*]}; falling back"
  else
    note "${missing[*]} missing; falling back"
  fi
}
install_if_missing
HAVE_HYPERFINE=0; command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
HAVE_TIME=0; [[ -x /usr/bin/time ]] && HAVE_TIME=1
((HAVE_HYPERFINE || HAVE_TIME)) || die "need hyperfine or /usr/bin/time"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/portcullis-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# Inputs.
mapfile -t HUNDRED < <(cd "$CORPUS" && find . -path ./RainModules -prune -o -type f \( -name '*.yaml' -o -name '*.yml' \) -print \
  | LC_ALL=C sort | while read -r f; do grep -q 'Rain::' "$f" || echo "$CORPUS/${f#./}"; done | head -n 100)
((${#HUNDRED[@]} == 100)) || die "expected 100 corpus templates, found ${#HUNDRED[@]}"
ONE="$CORPUS/$ONE_TEMPLATE"
[[ -f "$ONE" ]] || die "missing $ONE"
LARGE="$WORK/large-1000.yaml"
python3 "$ROOT/bench/generate_template.py" 1000 "$LARGE"

# Build (and train the start-up archive) before anything is timed.
"$ROOT/portcullis" --version >/dev/null

quote() { local out="" a; for a in "$@"; do out+=" $(printf '%q' "$a")"; done; echo "${out# }"; }
PORTCULLIS="$(printf '%q' "$ROOT/portcullis") check"
# cfn-lint parses and checks each file as portcullis does; its exit code reports findings, as ours does.
CFN_LINT="cfn-lint --"

# wall_time COMMAND RUNS -> "mean sd" in seconds
wall_time() {
  local cmd="$1" runs="$2"
  if ((HAVE_HYPERFINE)); then
    hyperfine --shell bash --style none --warmup 1 --runs "$runs" --ignore-failure --export-json "$WORK/h.json" "$cmd" >/dev/null 2>&1
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["stddev"] or 0)' "$WORK/h.json"
  else
    local i times=()
    for ((i = 0; i < runs; i++)); do
      /usr/bin/time -f '%e' -o "$WORK/time" bash -c "$cmd" >/dev/null 2>&1 || true
      times+=("$(tail -n 1 "$WORK/time")")
    done
    printf '%s\n' "${times[@]}" | python3 -c 'import statistics,sys; v=[float(x) for x in sys.stdin.read().split()]; print(statistics.median(v), statistics.pstdev(v))'
  fi
}

# peak_rss COMMAND RUNS -> kilobytes, largest over the runs
peak_rss() {
  local cmd="$1" runs="$2" i kb max=0
  ((HAVE_TIME)) || { echo 0; return; }
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v -o "$WORK/rss" bash -c "exec $cmd" >/dev/null 2>&1 || true
    kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/rss")"
    ((kb > max)) && max=$kb
  done
  echo "$max"
}

ROWS=()
# measure LABEL TARGET ARGS... : one table row comparing both tools on the same arguments
measure() {
  local label="$1" target="$2"; shift 2
  local args; args="$(quote "$@")"
  local slow_runs="$RUNS"; [[ "$label" == *1,000* ]] && slow_runs="$SLOW_RUNS"
  note "$label: portcullis"
  read -r p_mean p_sd < <(wall_time "$PORTCULLIS $args" "$RUNS")
  local p_rss; p_rss="$(peak_rss "$PORTCULLIS $args" 3)"
  note "$label: cfn-lint"
  read -r c_mean c_sd < <(wall_time "$CFN_LINT $args" "$slow_runs")
  local c_rss; c_rss="$(peak_rss "$CFN_LINT $args" 1)"
  ROWS+=("$(python3 - "$label" "$target" "$p_mean" "$p_sd" "$p_rss" "$c_mean" "$c_sd" "$c_rss" <<'PY'
import sys
label, target, pm, ps, prss, cm, cs, crss = sys.argv[1:]
pm, ps, cm, cs = map(float, (pm, ps, cm, cs))
prss, crss = int(prss) / 1024, int(crss) / 1024
print(f"| {label} | {pm:.2f} s ± {ps:.2f} | {cm:.2f} s ± {cs:.2f} | {cm / pm:.1f}× | {prss:.0f} MB | {crss:.0f} MB | {target} |")
PY
)")
}

measure "1 template (\`$ONE_TEMPLATE\`)" "≤ 0.3 s" "$ONE"
measure "100 corpus YAML templates, one run" "≥ 10× faster than cfn-lint" "${HUNDRED[@]}"
measure "1,000 resources, generated" "≤ 1.5 s" "$LARGE"

# The launcher's JIT choice, measured rather than assumed: C1 only against the full tiered compiler.
note "JIT comparison on the 1,000-resource template"
read -r c1_mean c1_sd < <(wall_time "$PORTCULLIS $(quote "$LARGE")" "$RUNS")
read -r c2_mean c2_sd < <(wall_time "PORTCULLIS_JAVA_OPTS=-XX:TieredStopAtLevel=4 $PORTCULLIS $(quote "$LARGE")" "$RUNS")
read -r h1_mean h1_sd < <(wall_time "$PORTCULLIS $(quote "${HUNDRED[@]}")" "$RUNS")
read -r h2_mean h2_sd < <(wall_time "PORTCULLIS_JAVA_OPTS=-XX:TieredStopAtLevel=4 $PORTCULLIS $(quote "${HUNDRED[@]}")" "$RUNS")

cpu="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || echo unknown)"
java_version="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -n 1)"
echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) × $cpu, $java_version, $(cfn-lint --version 2>&1 | head -n 1);"
echo "$( ((HAVE_HYPERFINE)) && echo "hyperfine mean ± sd over $RUNS runs (cfn-lint on 1,000 resources: $SLOW_RUNS)" || echo "median of $RUNS /usr/bin/time runs"), peak RSS from /usr/bin/time -v."
echo
echo "| case | portcullis | cfn-lint | speed-up | portcullis peak RSS | cfn-lint peak RSS | target |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${ROWS[@]}"
echo
echo "| JIT (launcher default: C1 only) | 1,000 resources | 100 templates |"
echo "| --- | --- | --- |"
printf '| C1 only (`-XX:TieredStopAtLevel=1`) | %.2f s ± %.2f | %.2f s ± %.2f |\n' "$c1_mean" "$c1_sd" "$h1_mean" "$h1_sd"
printf '| full tiered (C1 + C2) | %.2f s ± %.2f | %.2f s ± %.2f |\n' "$c2_mean" "$c2_sd" "$h2_mean" "$h2_sd"
