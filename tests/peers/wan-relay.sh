#!/usr/bin/env bash
# Runs io.rowfs.tests.peers.WanRelay (a delaying TCP relay, see its Javadoc) in the foreground:
#   wan-relay.sh [--delay-ms 15] [--rate-mbit N] LISTEN_HOST:PORT=TARGET_HOST:PORT...
# Prints "listening HOST:PORT -> TARGET delay=15ms" per relay; stop it by its PID. Inside a test
# namespace: ip netns exec NS tests/peers/wan-relay.sh ... &   ($! is then the relay's PID)
# Needs the compiled tests module (mvn -q -B -pl tests -am compile).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
cp="$here/../target/classes"
[ -f "$cp/io/rowfs/tests/peers/WanRelay.class" ] || { echo "wan-relay.sh: compile first: mvn -q -B -pl tests -am compile" >&2; exit 1; }
exec java -XX:+UseSerialGC -Xmx256m -cp "$cp" io.rowfs.tests.peers.WanRelay "$@"
