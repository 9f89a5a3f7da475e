#!/usr/bin/env bash
# The main command: installs what is needed (scripts/setup-debian.sh), builds rowfs, and runs the
# main job. Today that is the shadow server exporting a demo directory over NFSv3 on
# 127.0.0.1:2049 (MOUNT and NFS on that port); it runs in the foreground until Ctrl-C.
#   ROWFS_DEMO_DIR   directory to export (default /var/tmp/rowfs-demo, created with a sample file)
#   ROWFS_LISTEN     listen address (default 127.0.0.1:2049)
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

demo="${ROWFS_DEMO_DIR:-/var/tmp/rowfs-demo}"
listen="${ROWFS_LISTEN:-127.0.0.1:2049}"
host="${listen%:*}" port="${listen##*:}"
mkdir -p "$demo"
[ -e "$demo/hello.txt" ] || echo "hello from rowfs" > "$demo/hello.txt"

cat <<MSG
rowfs: serving $demo over NFSv3 on $listen (Ctrl-C to stop). From another shell:
  nfs-ls  'nfs://$host$demo/?version=3&nfsport=$port&mountport=$port'
  nfs-cat 'nfs://$host$demo/hello.txt?version=3&nfsport=$port&mountport=$port'
  echo hi > /tmp/x && nfs-cp /tmp/x 'nfs://$host$demo/x.txt?version=3&nfsport=$port&mountport=$port'
A Linux NFS client (e.g. a VM) mounts it with:
  mount -t nfs -o vers=3,proto=tcp,nolock,port=$port,mountport=$port,mountproto=tcp $host:$demo /mnt
MSG
exec "$root/rowfs" shadow-server --export "$demo" --listen "$listen"
