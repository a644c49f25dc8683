#!/usr/bin/env bash
# Regenerates the model-file fixtures in this folder from the OpenCLIP golden checkpoints, with the converter.
# The converter's FixturesTest re-converts them on every test run and fails if a committed file is stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/.ci/java-env"
(cd "$root" && mvn -B -q -pl weights-converter -am package -DskipTests >&2)
tools=(java --add-modules jdk.incubator.vector -jar "$root/weights-converter/target/tca4j-tools.jar")
for name in tiny-gelu tiny-quickgelu micro-gelu micro-quickgelu; do
  "${tools[@]}" convert "$root/testdata/openclip/models/$name/open_clip_pytorch_model.bin" \
    -o "$root/testdata/models/$name.tca4j"
done
