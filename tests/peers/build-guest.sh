#!/usr/bin/env bash
# Builds (once, cached) a small Linux guest for QEMU: Debian's kernel plus a busybox-static initramfs
# that can mount NFSv3 with the kernel client, run a script and power off. Used for the Linux-client
# tests (QemuGuest / run-guest.sh) and as the kernel+initrd a PXE-booted guest loads.
#
#   build-guest.sh [--kver VERSION] [--modules "mod1 mod2"]
#
# Prints on stdout:  kver=VERSION  kernel=PATH  initrd=PATH  (both under
#   ${ROWFS_GUEST_CACHE:-~/.cache/rowfs-guest}/<kver>-<hash of this script and the module list>/).
# Kernel: /boot/vmlinuz-VERSION from linux-image-amd64 (default: the newest one with modules
# installed). Initramfs (gzip'd newc cpio): /bin/busybox (+ applet links), /dev/console, the modules
# below and their dependencies (modinfo -F depends, recursively, in load order; built-in ones
# skipped; .ko.xz/.ko.zst decompressed), a udhcpc script, and this /init:
#
#   kernel command line (besides console=ttyS0 panic=1):
#     rowfs.ip=ADDR/PREFIX     static address for eth0           (e.g. 10.0.2.15/24)
#     rowfs.gw=ADDR            default route (optional)
#     rowfs.dhcp=1             configure eth0 with udhcpc instead
#     rowfs.nfs=IP:/export     mount it on /mnt with the kernel NFS client (optional)
#     rowfs.mntopts=OPTS       default vers=3,proto=tcp,nolock,port=2049,mountport=20048,mountproto=tcp
#                              (addr=IP is appended automatically: busybox mount has no NFS helper)
#     rowfs.script=PATH        script to run: a path in the guest, e.g. /mnt/test.sh on the NFS
#                              mount, or /rowfs/script.sh, which run-guest.sh --script adds as an
#                              extra initramfs; default /rowfs/script.sh if present, else nothing
#   The script runs with sh, cwd /mnt, env ROWFS_MNT=/mnt ROWFS_NFS=... . Its output goes to the
#   serial console. /init then prints exactly one marker line and powers off (poweroff -f):
#     ROWFS-GUEST-OK                         all steps and the script (exit 0) succeeded
#     ROWFS-GUEST-FAIL <reason>              e.g. "mount 10.0.2.1:/x failed", "script exited 3"
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
die() { echo "build-guest.sh: $*" >&2; exit 1; }

MODULES=(sunrpc grace lockd nfs_acl nfs nfsv3 virtio_pci virtio_net e1000 af_packet)
kver=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kver) kver="$2"; shift 2 ;;
    --modules) read -r -a extra <<< "$2"; MODULES+=("${extra[@]}"); shift 2 ;;
    *) die "unknown option '$1'" ;;
  esac
done
if [ -z "$kver" ]; then
  for k in $(ls /boot/vmlinuz-* 2>/dev/null | sed 's|/boot/vmlinuz-||' | sort -V -r); do
    [ -d "/lib/modules/$k" ] && { kver="$k"; break; }
  done
fi
[ -n "$kver" ] || die "no /boot/vmlinuz-* with /lib/modules: apt-get install linux-image-amd64 (INITRD=No)"
[ -r "/boot/vmlinuz-$kver" ] || die "/boot/vmlinuz-$kver missing or unreadable"
busybox=/bin/busybox
[ -x "$busybox" ] || die "$busybox missing: apt-get install busybox-static"
case " $("$busybox" --list | tr '\n' ' ') " in *" udhcpc "*) ;; *) die "$busybox has no udhcpc: install busybox-static" ;; esac
command -v cpio >/dev/null || die "cpio missing: apt-get install cpio"
command -v modinfo >/dev/null || die "modinfo missing: apt-get install kmod"

key="$kver-$( { cat "$0"; echo "${MODULES[*]}"; } | sha256sum | cut -c1-12)"
cache="${ROWFS_GUEST_CACHE:-$HOME/.cache/rowfs-guest}/$key"
if [ -s "$cache/initrd.img" ] && [ -s "$cache/vmlinuz" ]; then
  echo "kver=$kver"; echo "kernel=$cache/vmlinuz"; echo "initrd=$cache/initrd.img"
  exit 0
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/rowfs-guest-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
root="$tmp/root"
mkdir -p "$root"/{bin,sbin,dev,proc,sys,mnt,tmp,etc,rowfs,lib/modules,usr/bin,usr/sbin,usr/share/udhcpc}
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
# /dev/console must exist before devtmpfs is mounted, or the kernel has nowhere to print /init's output
mknod -m 600 "$root/dev/console" c 5 1
mknod -m 666 "$root/dev/null" c 1 3

# modules in dependency order (depth first: dependencies before dependents)
declare -A seen=()
order=()
builtin_list="/lib/modules/$kver/modules.builtin"
add_module() {
  local m="${1//-/_}"
  [ -n "${seen[$m]:-}" ] && return 0
  seen[$m]=1
  local file
  if ! file="$(modinfo -k "$kver" -F filename "$m" 2>/dev/null)"; then
    die "module '$m' not found for kernel $kver"
  fi
  if [ "$file" = "(builtin)" ] || grep -q "/${m}.ko" "$builtin_list" 2>/dev/null; then return 0; fi
  local deps d
  deps="$(modinfo -k "$kver" -F depends "$m")"
  for d in ${deps//,/ }; do add_module "$d"; done
  order+=("$m")
  case "$file" in
    *.ko) cp "$file" "$root/lib/modules/$m.ko" ;;
    *.ko.xz) xz -dc "$file" > "$root/lib/modules/$m.ko" ;;
    *.ko.zst) zstd -qdc "$file" > "$root/lib/modules/$m.ko" ;;
    *.ko.gz) gzip -dc "$file" > "$root/lib/modules/$m.ko" ;;
    *) die "unexpected module file $file" ;;
  esac
}
for m in "${MODULES[@]}"; do add_module "$m"; done
printf '%s\n' "${order[@]}" > "$root/lib/modules/load-order"

cat > "$root/usr/share/udhcpc/default.script" <<'UDHCPC'
#!/bin/sh
# busybox udhcpc hook: configure the interface from the lease
case "$1" in
  deconfig) ip addr flush dev "$interface"; ip link set "$interface" up ;;
  bound|renew)
    ip addr flush dev "$interface"
    ip addr add "$ip/${mask:-24}" dev "$interface"
    [ -n "$router" ] && ip route add default via "${router%% *}" dev "$interface"
    echo "udhcpc: $interface $ip/${mask:-24} router ${router:-none} siaddr ${siaddr:-none} boot_file ${boot_file:-none}"
    ;;
esac
exit 0
UDHCPC
chmod 755 "$root/usr/share/udhcpc/default.script"

cat > "$root/init" <<'INIT'
#!/bin/sh
# rowfs guest /init (tests/peers/build-guest.sh documents the kernel parameters and markers)
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
finish() {
  if [ "$1" = OK ]; then echo "ROWFS-GUEST-OK"; else echo "ROWFS-GUEST-FAIL $2"; fi
  sync
  umount /mnt 2>/dev/null
  poweroff -f
  sleep 10
}
for m in $(cat /lib/modules/load-order); do
  insmod "/lib/modules/$m.ko" 2>/tmp/insmod.err || { grep -q "File exists" /tmp/insmod.err || finish FAIL "insmod $m: $(cat /tmp/insmod.err)"; }
done
ip=""; gw=""; dhcp=""; nfs=""; script=""
mntopts="vers=3,proto=tcp,nolock,port=2049,mountport=20048,mountproto=tcp"
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    rowfs.ip=*) ip="${arg#rowfs.ip=}" ;;
    rowfs.gw=*) gw="${arg#rowfs.gw=}" ;;
    rowfs.dhcp=*) dhcp="${arg#rowfs.dhcp=}" ;;
    rowfs.nfs=*) nfs="${arg#rowfs.nfs=}" ;;
    rowfs.mntopts=*) mntopts="${arg#rowfs.mntopts=}" ;;
    rowfs.script=*) script="${arg#rowfs.script=}" ;;
  esac
done
ip link set lo up
i=0
while ! ip link show eth0 >/dev/null 2>&1; do
  i=$((i+1)); [ $i -gt 100 ] && finish FAIL "no eth0 (NIC driver?)"; sleep 0.1
done
ip link set eth0 up
if [ "$dhcp" = 1 ]; then
  udhcpc -i eth0 -n -q -t 10 -T 2 -s /usr/share/udhcpc/default.script || finish FAIL "udhcpc got no lease"
elif [ -n "$ip" ]; then
  ip addr add "$ip" dev eth0 || finish FAIL "cannot set address $ip"
  [ -n "$gw" ] && ip route add default via "$gw"
fi
echo "rowfs-guest: eth0 $(ip -4 -o addr show dev eth0 | awk '{print $4}')"
if [ -n "$nfs" ]; then
  server="${nfs%%:*}"
  case ",$mntopts," in *,addr=*) ;; *) mntopts="$mntopts,addr=$server" ;; esac
  mount -t nfs -o "$mntopts" "$nfs" /mnt || finish FAIL "mount $nfs ($mntopts) failed"
  echo "rowfs-guest: mounted $nfs on /mnt"
fi
[ -z "$script" ] && [ -f /rowfs/script.sh ] && script=/rowfs/script.sh
if [ -n "$script" ]; then
  [ -f "$script" ] || finish FAIL "no script $script"
  cd /mnt
  ROWFS_MNT=/mnt ROWFS_NFS="$nfs" sh "$script"
  rc=$?
  cd /
  [ $rc = 0 ] || finish FAIL "script exited $rc"
fi
finish OK
INIT
chmod 755 "$root/init"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -6 > "$tmp/initrd.img"
cp "/boot/vmlinuz-$kver" "$tmp/vmlinuz"
mkdir -p "$(dirname "$cache")"
# concurrent builders: publish atomically, first one wins
stage="$(mktemp -d "$(dirname "$cache")/.stage.XXXXXX")"
chmod 755 "$stage"
mv "$tmp/initrd.img" "$tmp/vmlinuz" "$stage/"
if ! mv -T "$stage" "$cache" 2>/dev/null; then rm -rf "$stage"; fi
echo "kver=$kver"; echo "kernel=$cache/vmlinuz"; echo "initrd=$cache/initrd.img"
