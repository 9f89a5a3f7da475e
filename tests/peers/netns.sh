#!/usr/bin/env bash
# Network namespaces for peer tests: nothing is ever added to the host namespace.
#
#   netns.sh add NAME [--tap IFNAME CIDR]...   create netns NAME with lo up (127.0.0.1 and
#                                              127.0.0.2/8, which ganesha needs), plus persistent
#                                              tap devices, up, with the given address
#                                              (e.g. --tap tap0 10.0.2.1/24) for QEMU guests
#   netns.sh del NAME                          delete it (its tap devices go with it)
#
# Use unique names ("<helper>-<pid>"): several test runs share the machine. Run anything inside with
# `ip netns exec NAME cmd...`; a daemon started as `ip netns exec NAME cmd &` has $! = its own PID.
set -euo pipefail
die() { echo "netns.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root"
case "${1:-}" in
  add)
    ns="${2:-}"; [ -n "$ns" ] || die "usage: netns.sh add NAME [--tap IFNAME CIDR]..."
    shift 2
    [ -e "/run/netns/$ns" ] && die "netns '$ns' already exists"
    ip netns add "$ns"
    trap 'ip netns del "$ns" 2>/dev/null || true' ERR
    ip -n "$ns" link set lo up
    ip -n "$ns" addr add 127.0.0.2/8 dev lo
    while [ $# -gt 0 ]; do
      [ "$1" = --tap ] && [ $# -ge 3 ] || die "unexpected '$1' (want --tap IFNAME CIDR)"
      ip netns exec "$ns" ip tuntap add dev "$2" mode tap
      ip -n "$ns" addr add "$3" dev "$2"
      ip -n "$ns" link set "$2" up
      shift 3
    done ;;
  del)
    ns="${2:-}"; [ -n "$ns" ] || die "usage: netns.sh del NAME"
    ip netns del "$ns" 2>/dev/null || true ;;
  *) die "usage: netns.sh add NAME [--tap IFNAME CIDR]... | del NAME" ;;
esac
