#!/usr/bin/env bash
# Benchmark: the rowfs proxy vs direct access and vs nfs-ganesha's own proxy (FSAL PROXY_V4),
# one run, one libnfs client (bench/nfsbench.c), all servers in one network namespace.
#
#   bench/proxy-bench.sh      (as root; env: SIZE_MIB=1024 TREE=100 FILES=5000 ROUNDS=3
#                              WAN_MIB=64 RTT_MS=30 DIR=/var/tmp WORKLOADS=all|data BASELINE=)
# BASELINE=DIR (another checkout of rowfs, e.g. a worktree of an older commit) adds its proxy and
# shadow server as a side of their own ("before", 127.0.0.1:5053, its shadow on 3052), taking the
# same turns as rowfs, and a table comparing before, rowfs and rowfs-dir: a change measured
# against the code it replaces in one run on one machine.
# WORKLOADS=data runs only the data workloads (cold/warm read, write, WAN read) and skips the tree
# walk and the create/stat/remove runs.
#
# Servers:  main     nfs-ganesha (VFS) exporting the image directory      127.0.0.1:2049 (mount 20048)
#           gproxy   nfs-ganesha PROXY_V4 re-exporting main (NFSv4.1)      127.0.0.1:4049 (mount 40048)
#           gpmain   a second nfs-ganesha (VFS) on the same image: gproxy's main 127.0.0.1:8049 (mount 28048)
# gproxy gets a main of its own because PROXY_V4 never closes the NFSv4 opens it makes on main for
# NFSv3 clients: main's descriptors run out (EMFILE at 20000, then NFS3ERR_IO for everyone) within
# two rounds at the issue's sizes. Both are restarted before each round, so every round measures
# gproxy as a fresh start measures it, and the other servers never see its leak.
#           shadow   rowfs shadow-server, the proxy's write store           127.0.0.1:3049
#           direct   rowfs shadow-server, the "direct to the shadow" peer   127.0.0.1:3051
#           rowfs    rowfs proxy (main + shadow)                             127.0.0.1:5049
#           rowfsdir rowfs proxy whose shadow is a directory in its own process (--shadow-dir) 127.0.0.1:5051
#           relay    WanRelay adding RTT_MS between a client and main       127.0.0.1:6049 (mount 60048)
#           rowfs-wan rowfs proxy whose main is behind the relay            127.0.0.1:7049
# Each round reads a fresh image file (so the proxy's cache is cold), reads it again (warm), writes
# SIZE_MIB MiB, walks a TREE x TREE tree of small files (ls -R, stat, read), and runs
# create/stat/remove of FILES files; then reads a fresh WAN_MIB file across the relay directly and
# through rowfs-wan. rowfs and rowfsdir (the same proxy with the shadow in process) take the same
# turns, interleaved with the others. It prints medians and the issue's ratios: rowfs/direct
# (targets: cold read >= 0.9, warm read >= 1.0, write >= 0.85, metadata >= 0.8), the same for
# rowfsdir, rowfs-wan/direct-over-relay (>= 3) and rowfs/gproxy (must be > 1 everywhere), and the
# proxies' peak RSS.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(dirname "$here")"
SIZE_MIB="${SIZE_MIB:-1024}" TREE="${TREE:-100}" FILES="${FILES:-5000}" ROUNDS="${ROUNDS:-3}"
WAN_MIB="${WAN_MIB:-64}" RTT_MS="${RTT_MS:-30}" DIR="${DIR:-/var/tmp}" WORKLOADS="${WORKLOADS:-all}"
BASELINE="${BASELINE:-}"
if [ -n "$BASELINE" ] && [ ! -x "$BASELINE/rowfs" ]; then
  echo "bench: BASELINE=$BASELINE has no ./rowfs launcher (give a checkout of rowfs)" >&2; exit 1
fi
case "$WORKLOADS" in all|data) ;; *) echo "bench: WORKLOADS is all or data, got '$WORKLOADS'" >&2; exit 1 ;; esac
[ "$WORKLOADS" = data ] && TREE=1
[ "$(id -u)" = 0 ] || { echo "bench: run as root (network namespace)" >&2; exit 1; }
# nfs-ganesha keeps a descriptor per file its NFSv4 clients (the PROXY_V4 peer) have opened: with a
# 100x100 tree and 5000 creates per round it runs out of a 20000 limit (EMFILE, then NFS3ERR_IO)
ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"

mkdir -p "$root/bench/target"
gcc -O2 -Wall -o "$root/bench/target/nfsbench" "$here/nfsbench.c" -lnfs
nfsbench="$root/bench/target/nfsbench"
"$root/rowfs" --version >/dev/null
[ -z "$BASELINE" ] || "$BASELINE/rowfs" --version >/dev/null
(cd "$root" && mvn -q -B -o -pl tests -am -DskipTests compile 2>/dev/null || mvn -q -B -pl tests -am -DskipTests compile)

work="$(mktemp -d "$DIR/rowfs-proxy-bench.XXXXXX")"
ns="pbench-$$"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  "$root/tests/peers/ganesha.sh" stop "$ns" 4049 >/dev/null 2>&1 || true
  "$root/tests/peers/ganesha.sh" stop "$ns" 8049 >/dev/null 2>&1 || true
  "$root/tests/peers/ganesha.sh" stop "$ns" 2049 >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "bench: preparing the image (${ROUNDS} x ${SIZE_MIB} MiB, ${TREE}x${TREE} tree, ${ROUNDS} x ${WAN_MIB} MiB WAN files)"
img="$work/main"
mkdir -p "$img/tree" "$img/gp" "$work/shadow" "$work/shadow-wan" "$work/direct" "$work/shadow-dir" "$work/shadow-base"
for r in $(seq "$ROUNDS"); do
  head -c "$((SIZE_MIB << 20))" /dev/urandom > "$img/big-$r.bin"
  head -c "$((WAN_MIB << 20))" /dev/urandom > "$img/wan-$r.bin"
done
for d in $(seq -w 0 $((TREE - 1))); do
  mkdir "$img/tree/d$d"
  for f in $(seq -w 0 $((TREE - 1))); do printf 'small file %s/%s of the image\n' "$d" "$f" > "$img/tree/d$d/f$f"; done
done
chmod -R a+rwX "$img"

"$root/tests/peers/ganesha.sh" start --export "$img" --netns "$ns" --nfs-port 2049 --mnt-port 20048 >/dev/null
start_gproxy() {
  "$root/tests/peers/ganesha.sh" start --export "$img" --netns "$ns" --nfs-port 8049 --mnt-port 28048 >/dev/null
  "$root/tests/peers/ganesha.sh" start --export "$img" --netns "$ns" --nfs-port 4049 --mnt-port 40048 \
    --fsal PROXY_V4 --proxy-server 127.0.0.1 --proxy-port 8049 >/dev/null
}
restart_gproxy() {
  "$root/tests/peers/ganesha.sh" stop "$ns" 4049 >/dev/null 2>&1 || true
  "$root/tests/peers/ganesha.sh" stop "$ns" 8049 >/dev/null 2>&1 || true
  start_gproxy
  wait_url gproxy "$U_GP"
}
start_gproxy

inns() { ip netns exec "$ns" "$@"; }
# `ip netns exec` execs the command (and ./rowfs execs java), so $! is the server's own PID
start_named() {
  local name="$1"; shift
  ROWFS_NO_BUILD=1 ip netns exec "$ns" "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}
start_named shadow "$root/rowfs" shadow-server --export "$work/shadow" --listen 127.0.0.1:3049 --portmap -1 --state "$work/st-shadow"
start_named shadowwan "$root/rowfs" shadow-server --export "$work/shadow-wan" --listen 127.0.0.1:3050 --portmap -1 --state "$work/st-shadow-wan"
start_named direct "$root/rowfs" shadow-server --export "$work/direct" --listen 127.0.0.1:3051 --portmap -1 --state "$work/st-direct"
start_named relay "$root/tests/peers/wan-relay.sh" --delay-ms "$((RTT_MS / 2))" 127.0.0.1:6049=127.0.0.1:2049 127.0.0.1:60048=127.0.0.1:20048

url() { echo "nfs://127.0.0.1$1?version=3&nfsport=$2&mountport=$3"; }
wait_url() { # name url
  for _ in $(seq 150); do inns nfs-ls "$2" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "bench: $1 does not answer at $2" >&2; tail -20 "$work/$1.log" >&2 || true; exit 1
}
wait_url shadow "$(url "$work/shadow" 3049 3049)"
wait_url shadowwan "$(url "$work/shadow-wan" 3050 3050)"
wait_url direct "$(url "$work/direct" 3051 3051)"
if [ -n "$BASELINE" ]; then
  start_named shadowbase "$BASELINE/rowfs" shadow-server --export "$work/shadow-base" --listen 127.0.0.1:3052 --portmap -1 --state "$work/st-shadow-base"
  wait_url shadowbase "$(url "$work/shadow-base" 3052 3052)"
  start_named before "$BASELINE/rowfs" proxy --main "127.0.0.1:2049/20048:$img" --shadow "127.0.0.1:3052:$work/shadow-base" \
    --listen 127.0.0.1:5053 --state "$work/st-proxy-base" --portmap -1 --cache-size "$(( (ROUNDS * SIZE_MIB + 1024) ))M" --metrics off
  proxybase_pid="${pids[-1]}"
fi
start_named rowfs "$root/rowfs" proxy --main "127.0.0.1:2049/20048:$img" --shadow "127.0.0.1:3049:$work/shadow" \
  --listen 127.0.0.1:5049 --state "$work/st-proxy" --portmap -1 --cache-size "$(( (ROUNDS * SIZE_MIB + 1024) ))M" --metrics off
proxy_pid="${pids[-1]}"
start_named rowfsdir "$root/rowfs" proxy --main "127.0.0.1:2049/20048:$img" --shadow-dir "$work/shadow-dir" \
  --listen 127.0.0.1:5051 --state "$work/st-proxy-dir" --portmap -1 --cache-size "$(( (ROUNDS * SIZE_MIB + 1024) ))M" --metrics off
proxydir_pid="${pids[-1]}"
start_named rowfswan "$root/rowfs" proxy --main "127.0.0.1:6049/60048:$img" --shadow "127.0.0.1:3050:$work/shadow-wan" \
  --listen 127.0.0.1:7049 --state "$work/st-proxy-wan" --portmap -1 --cache-size 2G --metrics off

U_MAIN="$(url "$img" 2049 20048)"; U_GP="$(url "$img" 4049 40048)"; U_ROWFS="$(url "$img" 5049 5049)"; U_ROWFSDIR="$(url "$img" 5051 5051)"
U_DIRECT="$(url "$work/direct" 3051 3051)"; U_RELAY="$(url "$img" 6049 60048)"; U_ROWFSWAN="$(url "$img" 7049 7049)"
wait_url main "$U_MAIN"; wait_url gproxy "$U_GP"; wait_url rowfs "$U_ROWFS"; wait_url rowfsdir "$U_ROWFSDIR"; wait_url rowfswan "$U_ROWFSWAN"
U_BEFORE="$(url "$img" 5053 5053)"; before=""
if [ -n "$BASELINE" ]; then wait_url before "$U_BEFORE"; before="before"; fi

declare -A results
record() { # who phase-prefix output
  while read -r phase _secs rate unit; do
    [ -n "$phase" ] || continue
    results["$1.$2$phase"]+="${rate#rate=} "
    printf '  %-10s %-14s %12s %s\n' "$1" "$2$phase" "${rate#rate=}" "$unit"
  done <<<"$3"
}
# Every run starts with no dirty pages: the kernel throttles writers (the proxy's cache writes, a
# server's WRITEs) once the pages earlier runs dirtied pass its thresholds, which would charge one
# side for another's writes. The sync happens before nfsbench starts its clock.
nb() { sync; inns "$nfsbench" "$@"; }

echo "rowfs proxy benchmark: ${SIZE_MIB} MiB files, ${TREE}x${TREE} tree, ${FILES} files, ${ROUNDS} rounds, WAN ${RTT_MS} ms RTT"
for r in $(seq "$ROUNDS"); do
  echo "round $r"
  (( r == 1 )) || restart_gproxy
  # alternate who reads first so page-cache effects on main do not favour one side
  if (( r % 2 )); then order="rowfs $before rowfsdir gproxy direct"; else order="direct gproxy rowfsdir $before rowfs"; fi
  for who in $order; do
    case $who in
      rowfs)  u="$U_ROWFS" ;;
      rowfsdir) u="$U_ROWFSDIR" ;;
      before) u="$U_BEFORE" ;;
      gproxy) u="$U_GP" ;;
      direct) u="$U_MAIN" ;;
    esac
    # "cold" is the proxy's cache: main's own page cache holds the file for every reader alike
    cat "$img/big-$r.bin" > /dev/null
    record "$who" cold- "$(nb "$u" read "big-$r.bin")"
    record "$who" warm- "$(nb "$u" read "big-$r.bin")"
    [ "$WORKLOADS" = data ] || record "$who" tree- "$(nb "$u" walk /tree)"
  done
  record rowfs "" "$(nb "$U_ROWFS" write "w-$r.bin" "$SIZE_MIB")"
  record rowfsdir "" "$(nb "$U_ROWFSDIR" write "w-$r.bin" "$SIZE_MIB")"
  [ -z "$before" ] || record before "" "$(nb "$U_BEFORE" write "w-$r.bin" "$SIZE_MIB")"
  record direct "" "$(nb "$U_DIRECT" write "w-$r.bin" "$SIZE_MIB")"
  record gproxy "" "$(nb "$U_GP" write "gp/w-$r.bin" "$SIZE_MIB")"
  if [ "$WORKLOADS" = all ]; then
    record rowfs "" "$(nb "$U_ROWFS" meta "$FILES")"
    record rowfsdir "" "$(nb "$U_ROWFSDIR" meta "$FILES")"
    [ -z "$before" ] || record before "" "$(nb "$U_BEFORE" meta "$FILES")"
    record direct "" "$(nb "$U_DIRECT" meta "$FILES")"
    record gproxy "" "$(nb "$U_GP" meta "$FILES")"
  fi
  record relay wan- "$(nb "$U_RELAY" read "wan-$r.bin")"
  record rowfswan wan- "$(nb "$U_ROWFSWAN" read "wan-$r.bin")"
done

median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b == "n/a" || a == "n/a" || b == 0) print "n/a"; else printf "%.2f", a/b}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {if (r == "n/a") print "?"; else print (r >= t ? "met" : "MISSED")}'; }
echo
printf '%-14s %12s %12s %12s %12s %14s %8s %7s %17s %7s %14s\n' workload direct rowfs rowfs-dir gproxy rowfs/direct target "" \
  rowfs-dir/direct "" rowfs/gproxy
for phase in cold-read warm-read write tree-ls-R tree-stat tree-smallread create stat remove; do
  d="$(median <<<"${results[direct.$phase]:-}")"; p="$(median <<<"${results[rowfs.$phase]:-}")"; g="$(median <<<"${results[gproxy.$phase]:-}")"
  pd="$(median <<<"${results[rowfsdir.$phase]:-}")"
  case $phase in cold-read) t=0.9 ;; warm-read) t=1.0 ;; write) t=0.85 ;; *) t=0.8 ;; esac
  rd="$(ratio "$p" "$d")"; rg="$(ratio "$p" "$g")"; rdd="$(ratio "$pd" "$d")"
  printf '%-14s %12s %12s %12s %12s %14s %8s %7s %17s %7s %14s %s\n' "$phase" "$d" "$p" "$pd" "$g" "$rd" ">=$t" "$(verdict "$rd" "$t")" \
    "$rdd" "$(verdict "$rdd" "$t")" "$rg" "$(verdict "$rg" 1.0001)"
done
d="$(median <<<"${results[relay.wan-read]:-}")"; p="$(median <<<"${results[rowfswan.wan-read]:-}")"; rw="$(ratio "$p" "$d")"
printf '%-14s %12s %12s %12s %12s %14s %8s %7s\n' "wan-read" "$d" "$p" "-" "-" "$rw" ">=3" "$(verdict "$rw" 3)"
echo
echo "(rates: reads/writes MiB/s, tree-ls-R entries/s, stat/create/remove ops/s, tree-smallread files/s; direct = main for reads and walks, a second shadow-server for writes and metadata; rowfs-dir = the proxy with --shadow-dir)"
echo "rowfs proxy peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/"$proxy_pid"/status) (NFS shadow, not counting the shadow server), $(awk '/VmHWM/ {print $2, $3}' /proc/"$proxydir_pid"/status) (shadow in process)"
if [ -n "$before" ]; then
  echo
  echo "before = BASELINE's proxy ($BASELINE, NFS shadow); medians of the same rounds"
  printf '%-14s %12s %12s %12s %14s %14s %17s %13s %17s\n' workload before rowfs rowfs-dir before/direct rowfs/direct \
    rowfs-dir/direct rowfs/before rowfs-dir/before
  for phase in cold-read warm-read write tree-ls-R tree-stat tree-smallread create stat remove; do
    d="$(median <<<"${results[direct.$phase]:-}")"; b="$(median <<<"${results[before.$phase]:-}")"
    p="$(median <<<"${results[rowfs.$phase]:-}")"; pd="$(median <<<"${results[rowfsdir.$phase]:-}")"
    printf '%-14s %12s %12s %12s %14s %14s %17s %13s %17s\n' "$phase" "$b" "$p" "$pd" "$(ratio "$b" "$d")" "$(ratio "$p" "$d")" \
      "$(ratio "$pd" "$d")" "$(ratio "$p" "$b")" "$(ratio "$pd" "$b")"
  done
  echo "before proxy peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/"$proxybase_pid"/status)"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
