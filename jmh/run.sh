#!/usr/bin/env bash
# One command for the benchmark tables. Builds jmh/target/benchmarks.jar, installs what a peer needs when it is
# missing, runs JMH (one fork per case) and prints a Markdown table.
#   jmh/run.sh [gemm] [JMH options]   matmul ladder vs OpenBLAS and the FMA peak (Debian's libopenblas0); a few
#                                     minutes on two cores
#   jmh/run.sh duel                   the same comparison interleaved in one JVM (tca4j, OpenBLAS, FMA peak in turn,
#                                     short windows, medians of per-round ratios): for a busy, shared machine; ~2 min
#   jmh/run.sh encoders-duel [ROUNDS [BATCH [PROMPTS]]]  tca4j vs ONNX Runtime interleaved, like duel
#   jmh/run.sh encoders [JMH options] ViT-B/16 encoders vs ONNX Runtime and PyTorch (Debian's python3-torch;
#                                     makes a synthetic checkpoint once, exports it to ONNX and converts it to a
#                                     tca4j model file, so all three engines run the same weights); ~15 minutes
# JMH options narrow or lengthen a run, e.g.  jmh/run.sh gemm -p 'shape=197x768->2304' -e scalar   or  -i 10;
# TCA4J_TORCH_ARGS does the same for PyTorch, e.g. "--threads 1 --image-batches 1 --text-prompts 1".
# Outputs (git-ignored) go to generated/bench/: NAME.md (the table), NAME.json (JMH's results), NAME-jmh.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/.ci/java-env"

mode=gemm
case "${1:-}" in gemm|duel|encoders|encoders-duel) mode="$1"; shift ;; esac

apt_install() {
  echo "run.sh: installing $* ..." >&2
  local sudo=""; [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq "$@" >&2
}

if ! ldconfig -p 2>/dev/null | grep 'libopenblas\.so\.0' > /dev/null; then apt_install libopenblas0; fi

echo "run.sh: building the benchmarks JAR..." >&2
(cd "$root" && mvn -B -q -DskipTests -pl jmh -am package >&2)

out="${TCA4J_BENCH_OUT:-$root/generated/bench}"
mkdir -p "$out"
java_run=(java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC
  -Dtca4j.report="$out/$mode.md")

if [[ "$mode" == encoders* ]]; then
  export TCA4J_ONNX_DIR="${TCA4J_ONNX_DIR:-$root/generated/onnx}"
  if ! /usr/bin/python3 -c 'import torch' 2> /dev/null; then apt_install python3-torch; fi
  if [[ ! -f "$TCA4J_ONNX_DIR/text_encoder.onnx" ]]; then
    echo "run.sh: exporting the ONNX models to $TCA4J_ONNX_DIR..." >&2
    /usr/bin/python3 "$root/jmh/scripts/export_onnx.py" --out "$TCA4J_ONNX_DIR" >&2
  fi
  if [[ ! -f "$TCA4J_ONNX_DIR/synthetic-vit-b-16.tca4j" ]]; then
    echo "run.sh: converting the checkpoint for tca4j..." >&2
    "$root/tca4j" convert "$TCA4J_ONNX_DIR/synthetic-vit-b-16.bin" -o "$TCA4J_ONNX_DIR/synthetic-vit-b-16.tca4j" \
      --model ViT-B-16 >&2
  fi
fi
if [[ "$mode" == encoders ]]; then
  echo "run.sh: timing PyTorch..." >&2
  /usr/bin/python3 "$root/jmh/scripts/torch_bench.py" --checkpoint "$TCA4J_ONNX_DIR/synthetic-vit-b-16.bin" \
    --tsv "$out/torch.tsv" ${TCA4J_TORCH_ARGS:-} > "$out/torch.jsonl"
  java_run+=(-Dtca4j.torch="$out/torch.tsv" -cp "$root/jmh/target/benchmarks.jar" org.tca4j.bench.EncoderReport)
elif [[ "$mode" == gemm ]]; then
  java_run+=(-cp "$root/jmh/target/benchmarks.jar" org.tca4j.bench.GemmReport)
fi

if [[ "$mode" == duel ]]; then
  "${java_run[@]}" -cp "$root/jmh/target/benchmarks.jar" org.tca4j.bench.GemmDuel "$@" > /dev/null
  cat "$out/$mode.md"
  exit 0
fi
if [[ "$mode" == encoders-duel ]]; then
  "${java_run[@]}" -cp "$root/jmh/target/benchmarks.jar" org.tca4j.bench.EncoderDuel "$@" > /dev/null
  cat "$out/$mode.md"
  exit 0
fi

echo "run.sh: running JMH (log: $out/$mode-jmh.log)..." >&2
"${java_run[@]}" -o "$out/$mode-jmh.log" -rf json -rff "$out/$mode.json" "$@" > "$out/$mode-runner.out" 2>&1 || {
  echo "run.sh: the benchmark run failed:" >&2; tail -30 "$out/$mode-runner.out" >&2; exit 1; }
if grep -q -E 'Exception' "$out/$mode-jmh.log"; then
  echo "run.sh: some benchmarks failed (see $out/$mode-jmh.log):" >&2
  grep -E -m5 'Exception' "$out/$mode-jmh.log" >&2
  cat "$out/$mode.md"
  exit 1
fi
cat "$out/$mode.md"
