#!/usr/bin/env bash
# Installs everything rowfs needs to build, run and test on Debian 12, as root. Idempotent: when every
# package is already installed it touches nothing and returns in well under a second.
#
# - Packages come from Debian only, with --no-install-recommends; the whole list is PACKAGES below
#   (add to it there, nowhere else).
# - linux-image-amd64 is installed with INITRD=No: the QEMU guest uses our own busybox initramfs
#   (tests/peers/build-guest.sh), so Debian's initramfs build (~60 s) is skipped.
# - No daemon is started by the installation: while apt-get runs, a temporary
#   /usr/sbin/policy-rc.d answers 101 ("action forbidden") to invoke-rc.d, so rpcbind's and
#   nfs-ganesha's postinst scripts do not start services that would take ports 111/2049 on the host.
#   Tests start their own rpcbind/ganesha inside private network namespaces (tests/peers/ganesha.sh).
#   An existing policy-rc.d is left untouched (it already decides); ours is removed on exit.
set -euo pipefail

PACKAGES=(
  openjdk-17-jdk-headless maven
  nfs-ganesha nfs-ganesha-vfs nfs-ganesha-proxy-v4 rpcbind
  libnfs-utils libnfs-dev gcc libc6-dev
  qemu-system-x86 ipxe-qemu busybox-static cpio kmod linux-image-amd64
  iproute2
  tftp-hpa atftp curl udhcpc isc-dhcp-client
  dnsmasq-base kea-admin tftpd-hpa
  pxelinux syslinux-common
  zstd
)

if [ "$(id -u)" != 0 ]; then
  echo "setup-debian.sh: must run as root (installs Debian packages)" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup-debian.sh: installing ${missing[*]}" >&2
policy=/usr/sbin/policy-rc.d
ours=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\n# temporary, written by rowfs scripts/setup-debian.sh: start no daemons\nexit 101\n' > "$policy"
  chmod 755 "$policy"
  ours=1
fi
cleanup() { if [ "$ours" = 1 ]; then rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive INITRD=No
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"

still=()
for p in "${PACKAGES[@]}"; do
  [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || still+=("$p")
done
if [ ${#still[@]} -ne 0 ]; then
  echo "setup-debian.sh: still missing after apt-get: ${still[*]}" >&2
  exit 1
fi
