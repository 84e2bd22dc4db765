#!/usr/bin/env bash
# One run, one generated corpus, three rows: the read-and-decode floor, the peer (Python regex script) and
# `pminer mine` into a fresh SQLite file; then pminer's extraction alone. Prints MB/s, peak RSS and the ratios.
#
# usage: bench/run.sh [MEGABYTES] [WORKDIR]        (defaults: 100, /tmp/pminer-bench)
#   REPEAT=N    time each row N times and keep the fastest (default 1; the machine is shared, 3 is steadier)
#   NO_BUILD=1  use the Release build and the published build as they are
#   PEER=FILE   the peer script (default: shared/bench/peer_regex.py beside the repository)
#   COMPARE=DLL another build's pminer.dll, timed as one more row (before/after in the same run)
# pminer is timed twice: as installed (`dotnet publish -r RID`, compiled ahead of time: ReadyToRun) and as built
# (`dotnet build`, what `dotnet run` runs: just-in-time compiled). The ratios are the installed build's.
# The corpus (bench/generate_corpus.py, seeded) is generated once per size under WORKDIR and reused.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-100}
work=${2:-/tmp/pminer-bench}
repeat=${REPEAT:-1}
corpus=$work/$mb
files=$corpus/files
peer=${PEER:-}
for candidate in "$repo/../shared/bench/peer_regex.py" "$repo/../../shared/bench/peer_regex.py" /work/shared/bench/peer_regex.py; do
  [ -z "$peer" ] && [ -f "$candidate" ] && peer=$candidate
done
[ -f "$peer" ] || { echo "peer script not found; set PEER=.../peer_regex.py" >&2; exit 2; }

case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
published=$work/pminer-$rid
if [ "${NO_BUILD:-0}" != 1 ]; then
  dotnet build "$repo/PartnershipMiner.sln" -c Release -v quiet -nologo >/dev/null
  rm -rf "$published"
  dotnet publish "$repo/src/PartnershipMiner.Cli" -c Release -r "$rid" --self-contained false -o "$published" -v quiet -nologo >/dev/null
fi
pminer="$published/pminer.dll"
built="$repo/src/PartnershipMiner.Cli/bin/Release/net10.0/pminer.dll"
benchmarks="$repo/bench/PartnershipMiner.Benchmarks/bin/Release/net10.0/PartnershipMiner.Benchmarks.dll"

if [ ! -f "$corpus/.done" ]; then
  rm -rf "$corpus"
  python3 "$repo/bench/generate_corpus.py" "$corpus" "$mb"
  touch "$corpus/.done"
fi
bytes=$(find "$files" -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s}')
documents=$(find "$files" -name '*.txt' | wc -l)

# time_row NAME COMMAND...: the fastest of $repeat runs; sets best (seconds), and rss (MB) and cpu (user + system
# seconds) of that run.
time_row() {
  local name=$1; shift
  best= rss= cpu=
  for _ in $(seq "$repeat"); do
    rm -f "$work"/bench.db "$work"/bench.db-wal "$work"/bench.db-shm
    local started ended seconds
    started=$(date +%s.%N)
    /usr/bin/time -v "$@" >"$work/$name.out" 2>"$work/$name.err"
    ended=$(date +%s.%N)
    seconds=$(echo "$ended - $started" | bc)
    if [ -z "$best" ] || [ "$(echo "$seconds < $best" | bc)" = 1 ]; then
      best=$seconds
      rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print int($2 / 1024)}' "$work/$name.err")
      cpu=$(awk -F: '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$work/$name.err")
    fi
  done
}
rate() { echo "scale=1; $bytes / 1000000 / $1" | bc; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GB; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "corpus: $files, $documents documents, $(echo "scale=1; $bytes / 1000000" | bc) MB; best of $repeat"

# The floor: the fastest plain .NET loop that reads and UTF-8-decodes every file, on every core (page cache warm).
floor_line=$(dotnet "$benchmarks" --floor "$files" | grep "^floor-$(nproc)t")
floor_rate=$(echo "$floor_line" | sed -E 's/^[^:]+: ([0-9.]+) MB\/s.*/\1/')

# The same floor as a process timed from outside, as pminer and the peer are (so it includes .NET's start): for context.
time_row floorp dotnet "$benchmarks" --read "$files"
floorp_seconds=$best

time_row peer python3 "$peer" "$files"
peer_seconds=$best peer_rss=$rss peer_cpu=$cpu

time_row pminer dotnet "$pminer" mine "$files" --db "$work/bench.db"
pminer_seconds=$best pminer_rss=$rss pminer_cpu=$cpu
records=$(grep -m1 '^records:' "$work/pminer.out" | awk '{print $2}')
stages=$(grep -o 'Mined in .*' "$work/pminer.err" | tail -1)

time_row built dotnet "$built" mine "$files" --db "$work/bench.db"
built_seconds=$best built_rss=$rss built_cpu=$cpu

if [ -n "${COMPARE:-}" ]; then
  time_row compare dotnet "$COMPARE" mine "$files" --db "$work/bench.db"
  compare_seconds=$best compare_rss=$rss compare_cpu=$cpu
fi

extract_line=$(dotnet "$benchmarks" --extract "$files" 0 | grep "^extract-1t")

printf '%-8s %9s %8s %8s %9s\n' row MB/s seconds "cpu s" "peak RSS"
printf '%-8s %9s %8s %8s %9s\n' floor "$floor_rate" "-" "-" "-"
printf '%-8s %9s %8.2f %8s %9s   (the floor as a process, start included; for context, not the target'"'"'s floor)\n' floor-p "$(rate "$floorp_seconds")" "$floorp_seconds" "-" "-"
printf '%-8s %9s %8.2f %8s %6s MB\n' peer "$(rate "$peer_seconds")" "$peer_seconds" "$peer_cpu" "$peer_rss"
printf '%-8s %9s %8.2f %8s %6s MB   (installed: dotnet publish -r %s, ReadyToRun)\n' pminer "$(rate "$pminer_seconds")" "$pminer_seconds" "$pminer_cpu" "$pminer_rss" "$rid"
printf '%-8s %9s %8.2f %8s %6s MB   (built: dotnet build, as dotnet run runs it)\n' built "$(rate "$built_seconds")" "$built_seconds" "$built_cpu" "$built_rss"
if [ -n "${COMPARE:-}" ]; then
  printf '%-8s %9s %8.2f %8s %6s MB   (%s)\n' compare "$(rate "$compare_seconds")" "$compare_seconds" "$compare_cpu" "$compare_rss" "$COMPARE"
fi
echo "pminer: $documents documents, $records records; $(echo "scale=0; $documents / $pminer_seconds" | bc) documents/s, $(echo "scale=0; $records / $pminer_seconds" | bc) records/s; $stages"
echo "pminer/peer: $(echo "scale=2; $peer_seconds / $pminer_seconds" | bc)x (cpu: $(echo "scale=2; $peer_cpu / $pminer_cpu" | bc)x)   floor/pminer: $(echo "scale=1; $floor_rate / $(rate "$pminer_seconds")" | bc)x   (floor-p/pminer: $(echo "scale=1; $pminer_seconds / $floorp_seconds" | bc)x)"
echo "extraction alone (no store, one thread): ${extract_line#extract-1t: }"
