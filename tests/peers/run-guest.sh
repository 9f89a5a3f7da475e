#!/usr/bin/env bash
# Runs a QEMU guest (TCG, no KVM) whose NIC is a tap device inside a network namespace, until it
# powers off or a timeout, and prints its serial console log on stdout.
#
#   run-guest.sh [--netns NAME --tap IFNAME]          default: a new netns with tap0 10.0.2.1/24,
#                                                     deleted afterwards
#                (--kernel FILE --initrd FILE [--append "ARGS"] | --pxe)
#                [--script FILE]     add FILE to the initramfs as /rowfs/script.sh (an extra cpio
#                                    appended to --initrd; build-guest.sh's /init runs it)
#                [--timeout SECONDS] default 120      [--serial-log FILE]  default a temp file
#                [--mac 52:54:00:12:34:56] [--nic virtio-net-pci|e1000] [--mem 512]
#                [--quiet]           don't print the serial log at the end (use --serial-log)
#
# Kernel mode appends "console=ttyS0 panic=1" to ARGS (see build-guest.sh for the rowfs.* ones).
# --pxe boots from the NIC with iPXE (ipxe-qemu ROMs) and sends BIOS/iPXE output to the serial
# port too (fw_cfg etc/sercon-port); note iPXE waits ~13 s for IPv6 router advertisements.
# Exit status: 0 if the log has ROWFS-GUEST-OK, 1 on ROWFS-GUEST-FAIL, 3 if QEMU ended without a
# marker, 124 on timeout (QEMU killed), 2 on bad usage.
#
# The server side: anything listening on the tap address inside the netns (ganesha.sh --netns
# NAME, or `ip netns exec NAME java ...`, see Netns.startJava) is what the guest reaches.
set -euo pipefail
die() { echo "run-guest.sh: $*" >&2; exit 2; }
[ "$(id -u)" = 0 ] || die "must run as root (netns, tap)"

ns="" tap="tap0" kernel="" initrd="" append="" pxe=0 script="" timeout=120 log="" mac="52:54:00:12:34:56"
nic=virtio-net-pci mem=512 quiet=0
while [ $# -gt 0 ]; do
  case "$1" in
    --netns) ns="$2"; shift 2 ;;
    --tap) tap="$2"; shift 2 ;;
    --kernel) kernel="$2"; shift 2 ;;
    --initrd) initrd="$2"; shift 2 ;;
    --append) append="$2"; shift 2 ;;
    --pxe) pxe=1; shift ;;
    --script) script="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    --serial-log) log="$2"; shift 2 ;;
    --mac) mac="$2"; shift 2 ;;
    --nic) nic="$2"; shift 2 ;;
    --mem) mem="$2"; shift 2 ;;
    --quiet) quiet=1; shift ;;
    *) die "unknown option '$1'" ;;
  esac
done
[ "$pxe" = 1 ] || [ -n "$kernel" ] || die "give --kernel/--initrd or --pxe"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing: apt-get install qemu-system-x86 ipxe-qemu"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/rowfs-guest-run.XXXXXX")"
own_ns=0
cleanup() {
  [ "$own_ns" = 1 ] && ip netns del "$ns" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
if [ -z "$ns" ]; then
  ns="rowfs-guest-$$"
  ip netns add "$ns"; own_ns=1
  ip -n "$ns" link set lo up
  ip netns exec "$ns" ip tuntap add dev "$tap" mode tap
  ip -n "$ns" addr add 10.0.2.1/24 dev "$tap"
  ip -n "$ns" link set "$tap" up
fi
[ -e "/run/netns/$ns" ] || die "no netns '$ns'"
[ -n "$log" ] || log="$tmp/serial.log"
: > "$log"

args=(-accel tcg -m "$mem" -smp 1 -nodefaults -no-reboot -display none -monitor none
      -serial "file:$log"
      -netdev "tap,id=n0,ifname=$tap,script=no,downscript=no"
      -device "$nic,netdev=n0,mac=$mac")
if [ "$pxe" = 1 ]; then
  printf '\xf8\x03' > "$tmp/sercon-port"     # 0x3f8 (COM1), little endian
  args+=(-boot n -fw_cfg "name=etc/sercon-port,file=$tmp/sercon-port")
else
  [ -r "$kernel" ] || die "cannot read kernel $kernel"
  [ -r "$initrd" ] || die "cannot read initrd $initrd"
  if [ -n "$script" ]; then
    [ -r "$script" ] || die "cannot read script $script"
    mkdir -p "$tmp/extra/rowfs"
    cp "$script" "$tmp/extra/rowfs/script.sh"; chmod 755 "$tmp/extra/rowfs/script.sh"
    (cd "$tmp/extra" && find . | cpio -o -H newc --quiet -R 0:0) | gzip -1 > "$tmp/extra.img"
    cat "$initrd" "$tmp/extra.img" > "$tmp/initrd.img"
    initrd="$tmp/initrd.img"
  fi
  args+=(-kernel "$kernel" -initrd "$initrd" -append "console=ttyS0 panic=1 $append")
fi

set +e
ip netns exec "$ns" timeout -k 5 "$timeout" qemu-system-x86_64 "${args[@]}" </dev/null >"$tmp/qemu.out" 2>&1
rc=$?
set -e
[ "$quiet" = 1 ] || cat "$log"
if [ $rc = 124 ] || [ $rc = 137 ]; then
  echo "run-guest.sh: timed out after ${timeout}s" >&2; exit 124
fi
if [ $rc != 0 ]; then
  echo "run-guest.sh: qemu exited with $rc: $(cat "$tmp/qemu.out")" >&2
fi
grep -q '^ROWFS-GUEST-OK' "$log" && exit 0
grep -q '^ROWFS-GUEST-FAIL' "$log" && exit 1
echo "run-guest.sh: guest ended without a ROWFS-GUEST marker (qemu status $rc)" >&2
exit 3
