#!/usr/bin/env bash
# Benchmark: rowfs shadow-server vs nfs-ganesha (VFS), same client, same namespace, one run.
#
#   bench/shadow-vs-ganesha.sh            (as root; env: SIZE_MIB=1024 FILES=10000 ROUNDS=3 DIR=/var/tmp
#                                          META_ONLY=1 skips the write and read phases and their warm-up)
#
# Before the timed rounds both servers get the same untimed warm-up (256 MiB write+read, 10000 files).
#
# Creates on a file system like this machine's (ext4 without a journal) cost whatever inode
# allocation costs at the time: ext4 skips, and rescans on every allocation, each inode freed in the
# last minutes (fs/ext4/ialloc.c recently_deleted), so a plain create in /var/tmp took 1-1.5 ms
# after other benchmarks had removed files there and 20 us in a quiet directory. Compare the two
# servers only within one run; the shadow server reuses the inodes of removed files
# (shadow-server --pooled-inodes) and so allocates none once the warm-up has removed its files.
#
# Both servers run in one network namespace and export a directory each on the same file system
# (DIR); the client is bench/nfsbench.c (libnfs, one request in flight), run inside the namespace.
# Each round runs, for ganesha then the shadow server (order alternating between rounds): a
# sequential write of SIZE_MIB MiB (then fsync/COMMIT), a sequential read of that file, and a
# metadata run (create, stat, remove FILES files). It prints every measurement, the medians, the
# shadow/ganesha ratios with the issue's targets (>= 1.0 read and write, >= 0.8 metadata), and
# each server's peak RSS.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(dirname "$here")"
SIZE_MIB="${SIZE_MIB:-1024}"
FILES="${FILES:-10000}"
ROUNDS="${ROUNDS:-3}"
DIR="${DIR:-/var/tmp}"
META_ONLY="${META_ONLY:-0}"
[ "$(id -u)" = 0 ] || { echo "bench: run as root (network namespace)" >&2; exit 1; }
command -v gcc >/dev/null && [ -f /usr/include/nfsc/libnfs.h ] \
  || { echo "bench: needs gcc and libnfs-dev (scripts/setup-debian.sh installs them)" >&2; exit 1; }

mkdir -p "$root/bench/target"
gcc -O2 -Wall -o "$root/bench/target/nfsbench" "$here/nfsbench.c" -lnfs
nfsbench="$root/bench/target/nfsbench"
"$root/rowfs" --version >/dev/null   # builds the launcher's classpath if sources changed

work="$(mktemp -d "$DIR/rowfs-bench.XXXXXX")"
mkdir -p "$work/ganesha" "$work/shadow" "$work/shadow-state"
ns="bench-$$"
shadow_pid=""
cleanup() {
  [ -n "$shadow_pid" ] && kill "$shadow_pid" 2>/dev/null && wait "$shadow_pid" 2>/dev/null || true
  "$root/tests/peers/ganesha.sh" stop "$ns" 2049 >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

info="$("$root/tests/peers/ganesha.sh" start --export "$work/ganesha" --netns "$ns" --nfs-port 2049 --mnt-port 20048)"
ganesha_pid="$(sed -n 's/^ganesha_pid=//p' <<<"$info")"
url_ganesha="$(sed -n 's/^url=//p' <<<"$info")"

ROWFS_NO_BUILD=1 ip netns exec "$ns" "$root/rowfs" shadow-server --export "$work/shadow" \
  --listen 127.0.0.1:3049 --portmap 3111 --state "$work/shadow-state" >"$work/shadow.log" 2>&1 &
shadow_pid=$!
url_shadow="nfs://127.0.0.1$work/shadow?version=3&nfsport=3049&mountport=3049"
for _ in $(seq 100); do
  ip netns exec "$ns" nfs-ls "$url_shadow" >/dev/null 2>&1 && break
  kill -0 "$shadow_pid" 2>/dev/null || { echo "bench: shadow server died:"; tail -20 "$work/shadow.log"; exit 1; }
  sleep 0.2
done
ip netns exec "$ns" nfs-ls "$url_shadow" >/dev/null || { echo "bench: shadow server not answering"; tail -20 "$work/shadow.log"; exit 1; }

declare -A results
run() { # server url round
  local out=""
  if [ "$META_ONLY" != 1 ]; then
    out="$(ip netns exec "$ns" "$nfsbench" "$2" write "bench-$3" "$SIZE_MIB")"$'\n'
    out+="$(ip netns exec "$ns" "$nfsbench" "$2" read "bench-$3")"$'\n'
  fi
  out+="$(ip netns exec "$ns" "$nfsbench" "$2" meta "$FILES")"
  while read -r phase secs rate unit; do
    results["$1.$phase"]+="${rate#rate=} "
    printf '  round %d %-8s %-7s %10s %s\n' "$3" "$1" "$phase" "${rate#rate=}" "$unit"
  done <<<"$out"
}

# Untimed warm-up of both servers (the same work for each): the shadow server's JIT compiles its
# hot paths here instead of inside the first timed round.
for pair in "ganesha $url_ganesha" "shadow $url_shadow"; do
  set -- $pair
  if [ "$META_ONLY" != 1 ]; then
    ip netns exec "$ns" "$nfsbench" "$2" write warmup 256 >/dev/null
    ip netns exec "$ns" "$nfsbench" "$2" read warmup >/dev/null
  fi
  ip netns exec "$ns" "$nfsbench" "$2" meta 10000 >/dev/null
done

echo "rowfs shadow-server vs nfs-ganesha: ${SIZE_MIB} MiB sequential, ${FILES} files metadata, ${ROUNDS} rounds"
for r in $(seq "$ROUNDS"); do
  if (( r % 2 )); then run ganesha "$url_ganesha" "$r"; run shadow "$url_shadow" "$r"
  else run shadow "$url_shadow" "$r"; run ganesha "$url_ganesha" "$r"; fi
done

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
printf '%-8s %14s %14s %8s %8s\n' phase ganesha shadow ratio target
status=0
phases="write read create stat remove"
[ "$META_ONLY" = 1 ] && phases="create stat remove"
for phase in $phases; do
  g="$(median <<<"${results[ganesha.$phase]}")"
  s="$(median <<<"${results[shadow.$phase]}")"
  target=0.8; [[ $phase == read || $phase == write ]] && target=1.0
  ratio="$(awk -v s="$s" -v g="$g" 'BEGIN {printf "%.2f", s/g}')"
  verdict="$(awk -v r="$ratio" -v t="$target" 'BEGIN {print (r >= t ? "met" : "MISSED")}')"
  printf '%-8s %14s %14s %8s %8s %s\n' "$phase" "$g" "$s" "$ratio" ">=$target" "$verdict"
done
echo
echo "peak RSS: ganesha $(awk '/VmHWM/ {print $2, $3}' /proc/"$ganesha_pid"/status), shadow-server $(awk '/VmHWM/ {print $2, $3}' /proc/"$shadow_pid"/status)"
