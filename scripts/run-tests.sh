#!/usr/bin/env bash
# The test command: installs what is needed (scripts/setup-debian.sh), then builds the whole Maven
# reactor and runs every test, including the @Tag("peer") tests against real peers (nfs-ganesha,
# libnfs, the Linux NFS client in a QEMU guest, iPXE). Peer tests create network namespaces, so this
# must run as root. Extra arguments go to Maven (e.g. -pl tests -am, -Dtest=GaneshaFixtureTest).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

if [ "$(id -u)" != 0 ]; then
  echo "run-tests.sh: must run as root: the peer tests create network namespaces, tap devices and" >&2
  echo "             run nfs-ganesha and QEMU. Run: sudo ./scripts/run-tests.sh" >&2
  exit 1
fi

bash "$root/scripts/setup-debian.sh"
cd "$root"
exec mvn -B verify "$@"
