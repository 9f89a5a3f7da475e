#!/usr/bin/env bash
# Boot-services benchmark: rowfs boot against its peers, one run, interleaved rounds, medians and
# ratios (rowfs / peer; >= 1.0 means rowfs is at least as fast).
#
#   bench/boot-bench.sh [--rounds N] [--size-mib M] [--dhcp-seconds S] [--spin] [--skip-dhcp] [--skip-tftp]
#
# TFTP, a M MiB (default 64) file on 127.0.0.1, the same file and options for every server:
#   512-byte blocks, no options  tftp-hpa client    rowfs vs tftpd-hpa vs atftpd
#   blksize 1468 (+tsize)        curl --tftp-blksize rowfs vs tftpd-hpa vs atftpd
#   windowsize 64, blksize 1468  atftp client        rowfs vs atftpd (tftpd-hpa has no windowsize)
#   HTTP (curl) vs rowfs TFTP (windowsize 64) for the same file, both from rowfs boot
# DHCP, in two namespaces joined by a veth (server 10.78.0.1/16), perfdhcp -B from the client side:
#   peak: complete DISCOVER-OFFER-REQUEST-ACK exchanges per second at an offered 3000/s
#   (REQUEST-ACK replies received / seconds), rowfs boot vs dnsmasq --no-ping
#   250/s (after a warm-up run): drops in both exchanges must be 0
# Servers run back to back per case in an order rotating per round; besides the ratio of medians the
# median of per-round (paired) ratios is printed, the steadier figure when the machine's speed drifts.
# --spin keeps both cores busy with two nice-19 loops (idle vCPUs wake slowly; see
# notes/test-recipes.md); conditions are the same for rowfs and peers either way.
#
# Needs root and: tftp-hpa atftp curl tftpd-hpa kea-admin (perfdhcp) dnsmasq-base; atftpd conflicts
# with tftpd-hpa as a package, so when it is not installed its .deb is fetched with apt-get download
# and unpacked into a temporary directory.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
repo="$(dirname "$here")"
die() { echo "boot-bench.sh: $*" >&2; exit 1; }

rounds=5 size_mib=64 dhcp_secs=5 spin=0 do_dhcp=1 do_tftp=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --size-mib) size_mib="$2"; shift 2 ;;
    --dhcp-seconds) dhcp_secs="$2"; shift 2 ;;
    --spin) spin=1; shift ;;
    --skip-dhcp) do_dhcp=0; shift ;;
    --skip-tftp) do_tftp=0; shift ;;
    *) die "unknown option '$1'" ;;
  esac
done
[ "$(id -u)" = 0 ] || die "must run as root (network namespaces, servers on port 67)"
for t in tftp atftp curl in.tftpd perfdhcp dnsmasq java; do
  command -v "$t" >/dev/null || die "$t missing: apt-get install tftp-hpa atftp curl tftpd-hpa kea-admin dnsmasq-base"
done

tmp="$(mktemp -d /tmp/boot-bench.XXXXXX)"
chmod 755 "$tmp"
pids=() netns=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  for n in "${netns[@]}"; do ip netns del "$n" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT

atftpd_bin="$(command -v atftpd || true)"
if [ -z "$atftpd_bin" ]; then
  (cd "$tmp" && apt-get download atftpd >/dev/null 2>&1) || die "atftpd not installed and apt-get download atftpd failed"
  dpkg -x "$tmp"/atftpd_*.deb "$tmp/atftpd"
  atftpd_bin="$tmp/atftpd/usr/sbin/atftpd"
fi

# the launcher builds when sources changed; do that before any timing
"$repo/rowfs" --version >/dev/null
export ROWFS_NO_BUILD=1   # the launcher execs java, so $! of "$repo/rowfs ... &" is the JVM itself

if [ "$spin" = 1 ]; then
  for i in 1 2; do nice -n 19 sh -c 'while :; do :; done' & pids+=($!); done
fi

median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }
now() { date +%s.%N; }
# mbps START END BYTES
mbps() { awk -v s="$1" -v e="$2" -v n="$3" 'BEGIN {printf "%.1f", n / (e - s) / 1e6}'; }
wait_udp() { # wait until something listens on UDP port $1 (in netns $2 if given)
  local i
  for i in $(seq 100); do
    if ${2:+ip netns exec "$2"} ss -uln | awk '{print $4}' | grep -q ":$1\$"; then return 0; fi
    sleep 0.1
  done
  die "nothing listens on UDP port $1"
}

base=$((20000 + ($$ % 20000)))
if [ "$do_tftp" = 1 ]; then
  root="$tmp/root"; mkdir -p "$root"; chmod 755 "$root"
  head -c $((size_mib * 1048576)) /dev/urandom > "$root/f.bin"; chmod 644 "$root/f.bin"
  bytes=$((size_mib * 1048576))
  p_rowfs=$base p_http=$((base + 1)) p_hpa=$((base + 2)) p_atftpd=$((base + 3))
  "$repo/rowfs" boot --interface lo --server-ip 127.0.0.1 --root "$root" --dhcp off --tftp "$p_rowfs" --http "$p_http" \
    --lease-file "$tmp/unused.leases" > "$tmp/rowfs-tftp.log" 2>&1 & pids+=($!)
  in.tftpd --listen --foreground --address "127.0.0.1:$p_hpa" --secure "$root" --user nobody & pids+=($!)
  "$atftpd_bin" --daemon --no-fork --port "$p_atftpd" --bind-address 127.0.0.1 --user nobody --group nogroup \
    --logfile /dev/null "$root" & pids+=($!)
  for p in "$p_rowfs" "$p_hpa" "$p_atftpd"; do wait_udp "$p"; done

  # fetch KIND PORT -> prints MB/s (and checks the bytes)
  fetch() {
    local kind="$1" port="$2" out="$tmp/out" s e
    rm -f "$out"
    s=$(now)
    case "$kind" in
      b512) tftp -m binary 127.0.0.1 "$port" -c get f.bin "$out" >/dev/null ;;
      b1468) curl -s --tftp-blksize 1468 "tftp://127.0.0.1:$port/f.bin" -o "$out" ;;
      w64) atftp --option "blksize 1468" --option "windowsize 64" -g -r f.bin -l "$out" 127.0.0.1 "$port" >/dev/null 2>&1 ;;
      http) curl -s "http://127.0.0.1:$port/f.bin" -o "$out" ;;
    esac
    e=$(now)
    cmp -s "$out" "$root/f.bin" || die "$kind from port $port: the file differs"
    mbps "$s" "$e" "$bytes"
  }
  fetch b512 "$p_rowfs" >/dev/null; fetch w64 "$p_rowfs" >/dev/null  # warm up the JIT and page cache
  declare -A res=() pr=() last=()
  # Each case runs on every server back to back, in an order that rotates per round (no server
  # always first, or always right after the HTTP fetch); ratios are also taken per round (rowfs
  # against the peer's run next to it) and their median quoted, because on a shared VM the speed
  # of lock-step TFTP changes by up to 3x between minutes (idle vCPUs wake slowly) and a ratio of
  # medians can pair a slow phase of one server with a fast phase of another.
  orders=("rowfs hpa atftpd" "hpa atftpd rowfs" "atftpd rowfs hpa")
  for r in $(seq "$rounds"); do
    order="${orders[$(( (r - 1) % 3 ))]}"
    for k in b512 b1468; do
      for srv in $order; do
        port_var="p_$srv"
        last[$srv]="$(fetch $k "${!port_var}")"
        res[${k}_$srv]+="${last[$srv]} "
      done
      pr[${k}_hpa]+="$(ratio "${last[rowfs]}" "${last[hpa]}") "
      pr[${k}_atftpd]+="$(ratio "${last[rowfs]}" "${last[atftpd]}") "
    done
    w_order=$([ $((r % 2)) = 1 ] && echo "rowfs atftpd" || echo "atftpd rowfs")
    for srv in $w_order; do
      port_var="p_$srv"
      last[$srv]="$(fetch w64 "${!port_var}")"
      res[w64_$srv]+="${last[$srv]} "
    done
    pr[w64_atftpd]+="$(ratio "${last[rowfs]}" "${last[atftpd]}") "
    res[http_rowfs]+="$(fetch http "$p_http") "
  done
  med() { echo "${res[$1]}" | tr ' ' '\n' | grep . | median; }
  pmed() { echo "${pr[$1]}" | tr ' ' '\n' | grep . | median | xargs printf '%.2f'; }
  echo "== TFTP: ${size_mib} MiB file on 127.0.0.1, $rounds interleaved rounds, median MB/s =="
  echo "   (rowfs/peer: ratio of the medians; paired: median of the per-round ratios)"
  printf '%-34s %9s %9s %9s %10s %10s %10s %10s\n' "case" "rowfs" "tftpd-hpa" "atftpd" "rowfs/hpa" "paired" \
    "rowfs/atf" "paired"
  for k in b512 b1468; do
    label=$([ $k = b512 ] && echo "512 B blocks (tftp-hpa client)" || echo "blksize 1468 (curl)")
    a=$(med ${k}_rowfs) h=$(med ${k}_hpa) t=$(med ${k}_atftpd)
    printf '%-34s %9s %9s %9s %10s %10s %10s %10s\n' "$label" "$a" "$h" "$t" "$(ratio "$a" "$h")" \
      "$(pmed ${k}_hpa)" "$(ratio "$a" "$t")" "$(pmed ${k}_atftpd)"
  done
  a=$(med w64_rowfs) t=$(med w64_atftpd)
  printf '%-34s %9s %9s %9s %10s %10s %10s %10s\n' "windowsize 64, blksize 1468 (atftp)" "$a" "-" "$t" "-" "-" \
    "$(ratio "$a" "$t")" "$(pmed w64_atftpd)"
  hm=$(med http_rowfs)
  echo "HTTP (curl) from rowfs boot: $hm MB/s = $(ratio "$hm" "$a") x rowfs TFTP windowsize 64, $(ratio "$hm" "$(med b512_rowfs)") x TFTP 512 B"
  echo "raw MB/s per round: $(for k in "${!res[@]}"; do echo "$k=[${res[$k]% }]"; done | sort | tr '\n' ' ')"
  echo "per-round ratios: $(for k in "${!pr[@]}"; do echo "rowfs/$k=[${pr[$k]% }]"; done | sort | tr '\n' ' ')"
fi

if [ "$do_dhcp" = 1 ]; then
  S="bootbench-s-$$" C="bootbench-c-$$"
  ip netns add "$S"; netns+=("$S"); ip netns add "$C"; netns+=("$C")
  ip -n "$S" link set lo up; ip -n "$C" link set lo up
  ip -n "$S" link add vs type veth peer name vc netns "$C"
  ip -n "$S" addr add 10.78.0.1/16 dev vs; ip -n "$S" link set vs up
  ip -n "$C" addr add 10.78.0.2/16 dev vc; ip -n "$C" link set vc up
  droot="$tmp/droot"; mkdir -p "$droot"
  start_dhcp() { # $1 = rowfs|dnsmasq; sets srv_pid
    rm -f "$tmp/$1.leases"
    case "$1" in
      rowfs) ip netns exec "$S" "$repo/rowfs" boot --interface vs --server-ip 10.78.0.1 \
               --root "$droot" --range 10.78.1.0-10.78.250.250 --lease-file "$tmp/rowfs.leases" --http 0 --tftp 0 \
               > "$tmp/rowfs-dhcp.log" 2>&1 & srv_pid=$! ;;
      dnsmasq) ip netns exec "$S" dnsmasq --no-daemon --no-ping --port=0 --interface=vs --bind-interfaces \
               --dhcp-range=10.78.1.0,10.78.250.250,255.255.0.0,1h --dhcp-leasefile="$tmp/dnsmasq.leases" \
               --no-resolv --no-hosts --log-facility=/dev/null --user=root > "$tmp/dnsmasq.log" 2>&1 & srv_pid=$! ;;
    esac
    pids+=("$srv_pid")
    wait_udp 67 "$S"
    [ "$1" = rowfs ] && for i in $(seq 100); do grep -q 'boot: ready' "$tmp/rowfs-dhcp.log" && break; sleep 0.1; done
    return 0
  }
  stop_dhcp() { kill "$srv_pid"; wait "$srv_pid" 2>/dev/null || true; }
  # perf RATE -> "acks_per_s do_drops ra_drops"
  perf() {
    ip netns exec "$C" perfdhcp -4 -B -l vc -r "$1" -R 200000 -p "$dhcp_secs" > "$tmp/perf.out" 2>&1 || true
    awk -v secs="$dhcp_secs" '
      /Statistics for: DISCOVER-OFFER/ {sec="do"} /Statistics for: REQUEST-ACK/ {sec="ra"}
      /^received packets:/ {rcv[sec]=$3} /^drops:/ {drop[sec]=$2}
      END {printf "%.1f %d %d\n", rcv["ra"] / secs, drop["do"], drop["ra"]}' "$tmp/perf.out"
  }
  declare -A dres=()
  for r in $(seq 3); do
    for srv in rowfs dnsmasq; do
      start_dhcp "$srv"
      perf 3000 > /dev/null   # warm-up (JIT, lease file)
      stop_dhcp; start_dhcp "$srv"
      read -r rate _ _ < <(perf 3000)
      dres[peak_$srv]+="$rate "
      stop_dhcp
    done
  done
  low=""
  for srv in rowfs dnsmasq; do
    start_dhcp "$srv"
    perf 250 > /dev/null   # warm-up, as for the peak
    read -r rate d1 d2 < <(perf 250)
    low+="$srv: $rate/s, drops DISCOVER-OFFER $d1, REQUEST-ACK $d2; "
    stop_dhcp
  done
  pr=$(echo "${dres[peak_rowfs]}" | tr ' ' '\n' | grep . | median)
  pd=$(echo "${dres[peak_dnsmasq]}" | tr ' ' '\n' | grep . | median)
  echo "== DHCP: perfdhcp -B across a veth, DISCOVER->ACK exchanges/s at an offered 3000/s, median of 3 =="
  printf '%-10s %10s %10s %14s\n' "" "rowfs" "dnsmasq" "rowfs/dnsmasq"
  printf '%-10s %10s %10s %14s\n' "peak" "$pr" "$pd" "$(ratio "$pr" "$pd")"
  echo "per round: rowfs [${dres[peak_rowfs]% }] dnsmasq [${dres[peak_dnsmasq]% }]"
  echo "at 250/s for ${dhcp_secs}s: $low"
fi
