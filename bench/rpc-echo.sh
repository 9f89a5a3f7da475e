#!/usr/bin/env bash
# Benchmark of the ONC RPC transport alone (io.rowfs.bench.RpcEchoBench): an RpcServer and an
# RpcClient on 127.0.0.1 echoing 1 MiB and 4 KiB payloads with 1 and 8 calls in flight.
#
#   bench/rpc-echo.sh [seconds-per-case] [rounds]        (defaults 3 and 3)
#   JAVA_OPTS=-Dbench.cases=1MiBx1,4KiBx8 bench/rpc-echo.sh    (some cases only)
#
# Prints MiB/s, calls/s and the process's CPU time per call (client + server; steadier than
# throughput on a shared machine). Interleave runs when comparing two builds.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
cpfile="$root/bench/target/classpath.txt"
# one reactor run, so that rowfs-protocol resolves to this tree's build (the file ends as bench's)
mvn -q -B -pl bench -am -DskipTests package dependency:build-classpath -Dmdep.outputFile="$cpfile" >/dev/null
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "$root/bench/target/classes:$(cat "$cpfile")" io.rowfs.bench.RpcEchoBench "$@"
