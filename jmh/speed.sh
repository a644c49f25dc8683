#!/usr/bin/env bash
# One command for the condensed-pass and image-stream benchmarks (docs/tca-speed.md): builds
# jmh/target/benchmarks.jar, runs CondensedPassBench and StreamBench (ViT-B/16 on synthetic weights, batch 1,
# 1 and 2 threads, every method of the paper's table; JMH, one fork per case, about 30 minutes on two cores)
# and prints the Markdown table. Arguments are JMH options, e.g.
#   jmh/speed.sh -p method=full,tca-0.105 -p threads=1     # two methods, one thread
#   jmh/speed.sh -i 10                                      # longer measurement
# TCA4J_BENCH_IGNORE_LOCK=1 runs even while another JMH run holds /tmp/jmh.lock (the numbers then share the CPU).
# Outputs (git-ignored): generated/bench/speed.md (the table), speed.json (JMH's results), speed-jmh.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/.ci/java-env"

echo "speed.sh: building the benchmarks JAR..." >&2
(cd "$root" && mvn -B -q -o -DskipTests -pl jmh -am package >&2)

out="${TCA4J_BENCH_OUT:-$root/generated/bench}"
mkdir -p "$out"
echo "speed.sh: running JMH (log: $out/speed-jmh.log)..." >&2
lock=(); [[ "${TCA4J_BENCH_IGNORE_LOCK:-0}" == 1 ]] && lock=(-Djmh.ignoreLock=true)
java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx3g "${lock[@]}" \
  -Dtca4j.report="$out/speed.md" -cp "$root/jmh/target/benchmarks.jar" org.tca4j.bench.SpeedReport \
  -o "$out/speed-jmh.log" -rf json -rff "$out/speed.json" "$@" > "$out/speed-runner.out" 2>&1 || {
    echo "speed.sh: the benchmark run failed:" >&2; tail -30 "$out/speed-runner.out" >&2; exit 1; }
if grep -q -E '<failure>|Exception' "$out/speed-jmh.log"; then
  echo "speed.sh: some benchmarks failed (see $out/speed-jmh.log):" >&2
  grep -E -m5 'Exception' "$out/speed-jmh.log" >&2
  exit 1
fi
cat "$out/speed.md"
