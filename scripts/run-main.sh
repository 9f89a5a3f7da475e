#!/usr/bin/env bash
# The main command: installs what is needed (scripts/setup-debian.sh), builds rowfs, and runs the
# main job on its embedded default: `rowfs demo`, the redirect-on-write proxy on 127.0.0.1:2049
# (NFS and MOUNT on that port, metrics on 9477) in front of a read-only main (a sample image in
# $ROWFS_DEMO_DIR/image) and a shadow ($ROWFS_DEMO_DIR/shadow), in the foreground until Ctrl-C.
#   ROWFS_DEMO_DIR   working directory (default /var/tmp/rowfs-demo)
#   ROWFS_LISTEN     proxy listen address (default 127.0.0.1:2049)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

if [ "$(id -u)" != 0 ]; then
  echo "run-main.sh: must run as root (installs Debian packages)" >&2
  exit 1
fi

bash "$root/scripts/setup-debian.sh"
cd "$root"
mvn -q -B -DskipTests package -pl appliance-image -am
mkdir -p "$root/appliance-image/target/lib" && touch "$root/appliance-image/target/lib/.built"

exec "$root/rowfs" demo --dir "${ROWFS_DEMO_DIR:-/var/tmp/rowfs-demo}" --listen "${ROWFS_LISTEN:-127.0.0.1:2049}"
