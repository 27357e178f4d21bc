#!/usr/bin/env bash
# What evaluating the rule catalog adds to a check: each case of bench/run.sh is run with the default pack ("all
# rules") and with every rule disabled ("no rules": the catalog is still loaded and resource properties are still
# validated), the two commands alternating run by run, so that other work on the machine slows both alike.
# Prints a Markdown table for the README: median wall time and median CPU time (user + system, all threads, which
# includes the JIT compiler) of each, and what the rules add to each.
#
#   bench/catalog-cost.sh              # RUNS=10 pairs per case
#   RUNS=20 SHARED=/path/to/shared bench/catalog-cost.sh
#
# Not a test: the numbers belong to the machine. On a busy machine compare the CPU columns; wall time there
# measures the other work as much as ours.
set -euo pipefail
export LC_ALL=C

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${SHARED:-$ROOT/../shared}"
CORPUS="$SHARED/corpus/aws-cloudformation-templates"
RUNS="${RUNS:-10}"

die() { echo "catalog-cost: $*" >&2; exit 1; }
[[ -d "$CORPUS" ]] || die "corpus not found at $CORPUS (set SHARED)"
[[ -x /usr/bin/time ]] || die "needs /usr/bin/time (apt-get install time)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/portcullis-catalog-cost.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# The inputs of bench/run.sh.
mapfile -t HUNDRED < <(cd "$CORPUS" && find . -path ./RainModules -prune -o -type f \( -name '*.yaml' -o -name '*.yml' \) -print \
  | sort | while read -r f; do grep -q 'Rain::' "$f" || echo "$CORPUS/${f#./}"; done | head -n 100)
((${#HUNDRED[@]} == 100)) || die "expected 100 corpus templates, found ${#HUNDRED[@]}"
ONE="$CORPUS/EC2/EC2InstanceWithSecurityGroupSample.yaml"
LARGE="$WORK/large-1000.yaml"
python3 "$ROOT/bench/generate_template.py" 1000 "$LARGE"

PORTCULLIS="$ROOT/portcullis"
"$PORTCULLIS" --version >/dev/null # build and train the start-up archive before anything is timed
ALL_IDS="$("$PORTCULLIS" rules list --format json | python3 -c 'import json,sys; print(",".join(r["id"] for r in json.load(sys.stdin)["rules"]))')"

# pair LABEL ARGS... : RUNS alternating runs of both commands; one table row
ROWS=()
pair() {
  local label="$1"; shift
  local log="$WORK/times" i
  : > "$log"
  "$PORTCULLIS" check "$@" >/dev/null 2>&1 || true # warm the file cache
  for ((i = 0; i < RUNS; i++)); do
    /usr/bin/time -a -o "$log" -f "all %e %U %S" "$PORTCULLIS" check "$@" >/dev/null 2>&1 || true
    /usr/bin/time -a -o "$log" -f "none %e %U %S" "$PORTCULLIS" check --disable "$ALL_IDS" "$@" >/dev/null 2>&1 || true
  done
  ROWS+=("$(python3 - "$label" "$log" <<'PY'
import statistics, sys
label, log = sys.argv[1:]
runs = {"all": [], "none": []}
for line in open(log):
    parts = line.split()
    if len(parts) == 4 and parts[0] in runs:
        runs[parts[0]].append((float(parts[1]), float(parts[2]) + float(parts[3])))
def med(kind, i):
    return statistics.median(r[i] for r in runs[kind])
wa, wn, ca, cn = med("all", 0), med("none", 0), med("all", 1), med("none", 1)
print(f"| {label} | {wa:.3f} s | {wn:.3f} s | {100 * (wa / wn - 1):+.0f}% | {ca:.3f} s | {cn:.3f} s | {100 * (ca / cn - 1):+.0f}% |")
PY
)")
}

pair "1 template" "$ONE"
pair "100 corpus YAML templates" "${HUNDRED[@]}"
pair "1,000 resources, generated" "$LARGE"

echo "Measured $(date -u +%Y-%m-%d) on $(nproc) × $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load average $(cut -d' ' -f1-3 /proc/loadavg);"
echo "median of $RUNS alternating runs of each command."
echo
echo "| case | wall, all rules | wall, no rules | added | CPU, all rules | CPU, no rules | added |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${ROWS[@]}"
