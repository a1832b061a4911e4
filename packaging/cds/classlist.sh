#!/usr/bin/env bash
# classlist.sh — writes packaging/cds/classes.txt: the classes Clawscope loads on its way to a shown
# window, a tray icon and a connected demo link. The package build makes the class-data archive
# (lib/app/clawscope.jsa) from this list, and so does the build for ./mvnw javafx:run
# (target/javafx-run.jsa, profile javafx-run-cds); a class missing from it still loads, only from its jar.
# Run it again after changes that load other classes at start-up (new screens, new libraries).
#
# Usage: packaging/cds/classlist.sh   (after ./mvnw -DskipTests package; needs Xvfb and trayer)
set -euo pipefail
cd "$(dirname "$0")/../.."
JAR=target/clawscope.jar
OUT=packaging/cds/classes.txt
[[ -f "$JAR" ]] || { echo "classlist: no $JAR; run ./mvnw -DskipTests package first" >&2; exit 1; }
command -v Xvfb >/dev/null && command -v trayer >/dev/null || { echo "classlist: needs Xvfb and trayer" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
exec 3<> <(:)
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
read -r -t 10 display <&3 || { echo "classlist: Xvfb did not start" >&2; exit 1; }
export DISPLAY=":$display"
trayer --expand true >"$work/trayer.log" 2>&1 &
pids+=($!)

# One run per way people start it: the window, and the tray (as autostart does). Each runs until
# its log has the start-up line given (the window's inspector is drawn after hello-ok).
run() {
  local name=$1 until=$2; shift 2
  local home="$work/$name"
  mkdir -p "$home"
  env -i PATH="$PATH" HOME="$home" DISPLAY="$DISPLAY" NO_AT_BRIDGE=1 CLAWSCOPE_HOME="$home/clawscope" \
    java -XX:DumpLoadedClassList="$work/$name.txt" -Duser.home="$home" -Dclawscope.noKeyring=true \
    -jar "$JAR" "$@" >"$home/out.log" 2>&1 &
  local pid=$!
  local log="$home/clawscope/logs/clawscope.log"
  for _ in $(seq 1 600); do
    grep -q "start-up: connected (hello-ok)" "$log" 2>/dev/null && grep -q "start-up: $until" "$log" && break
    kill -0 "$pid" 2>/dev/null || { echo "classlist: the $name run exited: $(tail -n 5 "$home/out.log")" >&2; exit 1; }
    sleep 0.1
  done
  grep -q "start-up: $until" "$log" || { echo "classlist: the $name run never got to: $until" >&2; exit 1; }
  kill "$pid"
  wait "$pid" || true
}
run window "inspector shown"
run tray "connected (hello-ok)" --tray
# Both lists, each class once (the first line of each name), lambda forms kept.
cat "$work/window.txt" "$work/tray.txt" | awk '!seen[$1 " " $2]++' >"$OUT"
echo "classlist: $(grep -vc '^#' "$OUT") classes in $OUT"
