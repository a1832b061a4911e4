#!/usr/bin/env bash
# screenshots.sh — retakes the README's inspector screenshots from a real window on a virtual X
# display: the demo gateway, a blackhole, its detection, the reconnects and the recovery; then an
# observed client (the reference client when scripts/official-client/install.sh has installed it,
# else Clawscope's own link) through a restart and a freeze. The second takes about three minutes:
# the simulator ticks every 30 s, as the real gateway does.
#
# Usage: scripts/screenshots.sh [OUTPUT_DIR]     (default: assets)
# Needs: Xvfb, ImageMagick (import), libgtk-3-0; on Debian: apt-get install xvfb imagemagick libgtk-3-0
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-assets}"
for tool in Xvfb import; do
  command -v "$tool" >/dev/null 2>&1 || { echo "screenshots: '$tool' is missing (apt-get install xvfb imagemagick)" >&2; exit 4; }
done
./mvnw -q -B -DskipTests test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test >/dev/null
DISPLAY_NUM=:97
Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [[ -e /tmp/.X11-unix/X${DISPLAY_NUM#:} ]] && break; sleep 0.1; done
for shots in DemoScreenshots ObserveScreenshot; do
  DISPLAY="$DISPLAY_NUM" java -Dprism.order=sw -cp "target/classes:target/test-classes:$(cat target/test-cp.txt)" \
    "dev.clawscope.ui.$shots" "$OUT"
done
