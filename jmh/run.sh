#!/usr/bin/env bash
# One command for the matmul benchmarks: builds jmh/target/benchmarks.jar, installs Debian's OpenBLAS when it is
# missing, runs the matmul ladder against OpenBLAS and the FMA peak (JMH, one fork per case, a few minutes on two
# cores) and prints the Markdown table. Arguments are JMH options, e.g.
#   jmh/run.sh -p 'shape=197x768->2304' -e scalar     # one shape, without the slow scalar rung
#   jmh/run.sh -i 10 -r 1s                            # longer measurement
# Outputs (git-ignored): generated/bench/gemm.md (the table), gemm.json (JMH's results), gemm-jmh.log (JMH's log).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/.ci/java-env"

if ! ldconfig -p 2>/dev/null | grep 'libopenblas\.so\.0' > /dev/null; then
  echo "run.sh: installing libopenblas0 (the OpenBLAS peer)..." >&2
  sudo=""; [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq libopenblas0 >&2
fi

echo "run.sh: building the benchmarks JAR..." >&2
(cd "$root" && mvn -B -q -DskipTests -pl jmh -am package >&2)

out="${TCA4J_BENCH_OUT:-$root/generated/bench}"
mkdir -p "$out"
echo "run.sh: running JMH (log: $out/gemm-jmh.log)..." >&2
java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC \
  -Dtca4j.report="$out/gemm.md" -cp "$root/jmh/target/benchmarks.jar" org.tca4j.bench.GemmReport \
  -o "$out/gemm-jmh.log" -rf json -rff "$out/gemm.json" "$@" > "$out/gemm-runner.out" 2>&1 || {
    echo "run.sh: the benchmark run failed:" >&2; tail -30 "$out/gemm-runner.out" >&2; exit 1; }
if grep -q -E '<failure>|Exception' "$out/gemm-jmh.log"; then
  echo "run.sh: some benchmarks failed (see $out/gemm-jmh.log):" >&2
  grep -E -m5 'Exception' "$out/gemm-jmh.log" >&2
  cat "$out/gemm.md"
  exit 1
fi
cat "$out/gemm.md"
