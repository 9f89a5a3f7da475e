#!/usr/bin/env bash
# nfs-ganesha as a real NFSv3 (and v4) server peer, isolated in its own network namespace.
#
#   ganesha.sh start --export DIR [--ro] [--nfs-port 2049] [--mnt-port 20048] [--netns NAME]
#                    [--fsal VFS|PROXY_V4 --proxy-server IP [--proxy-port 2049]]
#                    [--bridge-nfs-port P --bridge-mnt-port M]     (see "Reaching it" below)
#   ganesha.sh stop NAME [NFS_PORT]      (NFS_PORT defaults to 2049, as for start)
#
# start creates netns NAME (default rowfs-ganesha-<pid>; callers should pass a unique name such as
# "<helper>-<pid>"), or uses it if it already exists (then stop keeps it), gives its lo 127.0.0.1 and 127.0.0.2/8 (ganesha refuses to start without a
# second address), and runs, inside `unshare -m --propagation private` with a tmpfs on /run (the
# host's /run is never touched): `rpcbind -f -w`, then `ganesha.nfsd -F` with a generated config
# (NFSv3+v4 over TCP only, no NLM/RQUOTA, one export with Export_Id 1, Path = Pseudo = DIR,
# Access_Type RW or RO, Squash No_Root_Squash, FSAL VFS, or PROXY_V4 re-exporting IP:PORT over
# NFSv4.1). It waits until nfs-ls of the export succeeds in the netns, then prints
# key=value lines on stdout:
#   netns=NAME  workdir=/tmp/rowfs-ganesha-NAME-NFSPORT  ganesha_pid=N  rpcbind_pid=N
#   nfs_port=P  mnt_port=M  export=DIR  url=nfs://127.0.0.1DIR?version=3&nfsport=P&mountport=M
# (plus bridge_pid/host_nfs_port/host_mnt_port with --bridge-*). The log is in workdir/ganesha.log.
# On failure it prints the log tail on stderr, cleans up and exits non-zero.
# stop kills the processes by the PIDs recorded in the workdir, deletes the netns (if start created
# it) and the workdir. Several ganeshas can share one netns on different ports, e.g. a VFS one on
# 2049 and a PROXY_V4 one on 3049 re-exporting it (--proxy-server 127.0.0.1 --proxy-port 2049);
# each start runs its own rpcbind (a second one in the same netns is harmless).
#
# Reaching it: ganesha ignores Bind_addr, so the netns is its only isolation. Clients in the netns
# reach it at 127.0.0.1:P: run them with `ip netns exec NAME ...` (nfs-ls, the ./rowfs launcher,
# a QEMU guest on a tap device in that netns). Processes in the host namespace (a JUnit test's own
# RPC client) go through a PortBridge pair, no address is added to the host namespace:
#   host 127.0.0.1:HOSTPORT --TCP--> PortBridge (host) --unix socket in workdir--> PortBridge run
#   with `ip netns exec NAME java ...` --TCP--> 127.0.0.1:P in the netns.
# The Java wrapper io.rowfs.tests.peers.Ganesha does that; from shell, --bridge-nfs-port and
# --bridge-mnt-port start the in-netns half (unix sockets workdir/nfs.sock, workdir/mnt.sock) and
# the host half as one java process each (needs tests/target/classes: `mvn -pl tests -am compile`).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"

die() { echo "ganesha.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (creates a network namespace)"

cmd="${1:-}"; shift || true
case "$cmd" in
  start) ;;
  stop)
    ns="${1:-}"; [ -n "$ns" ] || die "usage: ganesha.sh stop NAME [NFS_PORT]"
    wd="/tmp/rowfs-ganesha-$ns-${2:-2049}"
    for f in bridge ganesha rpcbind; do
      if [ -s "$wd/$f.pid" ]; then
        for pid in $(cat "$wd/$f.pid"); do kill "$pid" 2>/dev/null || true; done
      fi
    done
    for f in bridge ganesha rpcbind; do
      if [ -s "$wd/$f.pid" ]; then
        for pid in $(cat "$wd/$f.pid"); do
          for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
          kill -9 "$pid" 2>/dev/null || true
        done
      fi
    done
    if [ "$(cat "$wd/owns-netns" 2>/dev/null || echo 0)" = 1 ]; then ip netns del "$ns" 2>/dev/null || true; fi
    rm -rf "$wd"
    exit 0 ;;
  *) die "usage: ganesha.sh start --export DIR [--ro] [--nfs-port P] [--mnt-port M] [--netns NAME] [--fsal VFS|PROXY_V4 --proxy-server IP [--proxy-port P]] | stop NAME" ;;
esac

export_dir="" access=RW nfs_port=2049 mnt_port=20048 ns="rowfs-ganesha-$$" fsal=VFS
proxy_server="" proxy_port=2049 bridge_nfs="" bridge_mnt=""
while [ $# -gt 0 ]; do
  case "$1" in
    --export) export_dir="$(readlink -f "$2")"; shift 2 ;;
    --ro) access=RO; shift ;;
    --nfs-port) nfs_port="$2"; shift 2 ;;
    --mnt-port) mnt_port="$2"; shift 2 ;;
    --netns) ns="$2"; shift 2 ;;
    --fsal) fsal="${2^^}"; shift 2 ;;
    --proxy-server) proxy_server="$2"; shift 2 ;;
    --proxy-port) proxy_port="$2"; shift 2 ;;
    --bridge-nfs-port) bridge_nfs="$2"; shift 2 ;;
    --bridge-mnt-port) bridge_mnt="$2"; shift 2 ;;
    *) die "unknown option '$1'" ;;
  esac
done
[ -n "$export_dir" ] || die "--export DIR is required"
[ -d "$export_dir" ] || die "export directory '$export_dir' does not exist"
case "$fsal" in
  VFS) fsal_block="FSAL { Name = VFS; }" ;;
  PROXY_V4)
    [ -n "$proxy_server" ] || die "--fsal PROXY_V4 needs --proxy-server IP"
    fsal_block="FSAL { Name = PROXY_V4; Srv_Addr = $proxy_server; NFS_Port = $proxy_port; Use_Privileged_Client_Port = false; }" ;;
  *) die "--fsal must be VFS or PROXY_V4, got '$fsal'" ;;
esac
command -v ganesha.nfsd >/dev/null || die "ganesha.nfsd not found: apt-get install nfs-ganesha nfs-ganesha-vfs (scripts/setup-debian.sh)"
command -v rpcbind >/dev/null || die "rpcbind not found: apt-get install rpcbind"
command -v nfs-ls >/dev/null || die "nfs-ls not found: apt-get install libnfs-utils"

wd="/tmp/rowfs-ganesha-$ns-$nfs_port"
if [ -e "$wd" ]; then die "$wd exists: a ganesha on port $nfs_port in netns $ns is running (stop it first)"; fi
mkdir -p "$wd/recovery"
fail() {
  echo "ganesha.sh: $*" >&2
  [ -f "$wd/ganesha.log" ] && { echo "--- $wd/ganesha.log (tail)" >&2; tail -n 30 "$wd/ganesha.log" >&2; }
  [ -f "$wd/bridge.log" ] && { echo "--- $wd/bridge.log" >&2; tail -n 20 "$wd/bridge.log" >&2; }
  "$0" stop "$ns" "$nfs_port" >/dev/null 2>&1 || true
  exit 1
}

cat > "$wd/ganesha.conf" <<CONF
NFS_CORE_PARAM {
  NFS_Port = $nfs_port;
  MNT_Port = $mnt_port;
  Protocols = 3, 4;
  Enable_NLM = false;
  Enable_RQUOTA = false;
  Enable_UDP = false;
}
NFSv4 {
  Graceless = true;
  RecoveryRoot = "$wd/recovery";
}
EXPORT {
  Export_Id = 1;
  Path = "$export_dir";
  Pseudo = "$export_dir";
  Access_Type = $access;
  Squash = No_Root_Squash;
  SecType = sys;
  Transports = TCP;
  Protocols = 3, 4;
  $fsal_block
}
LOG { Default_Log_Level = EVENT; }
CONF

# An existing netns (e.g. one made by netns.sh with a tap device for a QEMU guest) is used as is and
# kept by stop; a new one is created here and deleted by stop.
if [ -e "/run/netns/$ns" ]; then
  echo 0 > "$wd/owns-netns"
else
  ip netns add "$ns"
  echo 1 > "$wd/owns-netns"
fi
ip -n "$ns" link set lo up
case "$(ip -n "$ns" addr show dev lo)" in *127.0.0.2/8*) ;; *) ip -n "$ns" addr add 127.0.0.2/8 dev lo ;; esac

# ip netns exec and unshare exec (no fork), and bash execs ganesha last, so $! is ganesha's PID.
ip netns exec "$ns" unshare -m --propagation private bash -c '
  wd="$1"
  mount -t tmpfs -o mode=755 tmpfs /run
  mkdir -p /run/ganesha /run/rpcbind
  rpcbind -f -w & echo $! > "$wd/rpcbind.pid"
  for _ in $(seq 100); do [ -S /run/rpcbind.sock ] && break; sleep 0.05; done
  exec ganesha.nfsd -F -L "$wd/ganesha.log" -f "$wd/ganesha.conf" -p /run/ganesha/ganesha.pid
' ganesha-netns "$wd" >"$wd/stdout.log" 2>&1 &
echo $! > "$wd/ganesha.pid"
gpid=$!

ok=0
for _ in $(seq 300); do
  kill -0 "$gpid" 2>/dev/null || fail "ganesha.nfsd exited during start-up"
  # ready = the export mounts and lists (a PROXY_V4 export answers NULL calls before it is usable)
  if ip netns exec "$ns" nfs-ls "nfs://127.0.0.1$export_dir?version=3&nfsport=$nfs_port&mountport=$mnt_port" \
       >/dev/null 2>"$wd/ready-check.log"; then
    ok=1; break
  fi
  sleep 0.2
done
[ "$ok" = 1 ] || fail "ganesha did not serve $export_dir on ports $nfs_port/$mnt_port within 60 s: $(cat "$wd/ready-check.log")"

echo "netns=$ns"
echo "workdir=$wd"
echo "ganesha_pid=$gpid"
echo "rpcbind_pid=$(cat "$wd/rpcbind.pid")"
echo "nfs_port=$nfs_port"
echo "mnt_port=$mnt_port"
echo "export=$export_dir"
echo "url=nfs://127.0.0.1$export_dir?version=3&nfsport=$nfs_port&mountport=$mnt_port"

if [ -n "$bridge_nfs$bridge_mnt" ]; then
  [ -n "$bridge_nfs" ] && [ -n "$bridge_mnt" ] || fail "give both --bridge-nfs-port and --bridge-mnt-port"
  cp="$here/../target/classes"
  [ -f "$cp/io/rowfs/tests/peers/PortBridge.class" ] || fail "PortBridge not compiled: run 'mvn -q -B -pl tests -am compile' first"
  jopts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -cp "$cp" io.rowfs.tests.peers.PortBridge)
  ip netns exec "$ns" java "${jopts[@]}" "unix:$wd/nfs.sock=tcp:127.0.0.1:$nfs_port" "unix:$wd/mnt.sock=tcp:127.0.0.1:$mnt_port" >>"$wd/bridge.log" 2>&1 &
  echo $! > "$wd/bridge.pid"
  for _ in $(seq 100); do [ -S "$wd/nfs.sock" ] && [ -S "$wd/mnt.sock" ] && break; sleep 0.1; done
  java "${jopts[@]}" "tcp:127.0.0.1:$bridge_nfs=unix:$wd/nfs.sock" "tcp:127.0.0.1:$bridge_mnt=unix:$wd/mnt.sock" >>"$wd/bridge.log" 2>&1 &
  echo $! >> "$wd/bridge.pid"
  ok=0
  for _ in $(seq 150); do
    [ "$(grep -c '^listening tcp:' "$wd/bridge.log")" = 2 ] && { ok=1; break; }
    sleep 0.1
  done
  [ "$ok" = 1 ] || fail "bridge on 127.0.0.1:$bridge_nfs/$bridge_mnt did not start within 15 s"
  # end to end through both bridges (rpcinfo would need a portmapper in the host namespace)
  nfs-ls "nfs://127.0.0.1$export_dir?version=3&nfsport=$bridge_nfs&mountport=$bridge_mnt" >/dev/null 2>"$wd/bridge-check.log" ||
    fail "nfs-ls through the bridge failed: $(cat "$wd/bridge-check.log")"
  echo "bridge_pids=$(tr '\n' ' ' < "$wd/bridge.pid")"
  echo "host_nfs_port=$bridge_nfs"
  echo "host_mnt_port=$bridge_mnt"
  echo "host_url=nfs://127.0.0.1$export_dir?version=3&nfsport=$bridge_nfs&mountport=$bridge_mnt"
fi
