#!/usr/bin/env bash
# check-package.sh — checks what `./mvnw -Ppackage package` built in target/jpackage: the packaged
# launcher answers --version, runs the simulator and probes it through the same command line, and
# the .deb's control data names the package, its version and libgtk-3-0, and the .deb holds the
# systemd user unit for `clawscope watch`.
#
# Usage: scripts/check-package.sh            (after ./mvnw -Ppackage -DskipTests package)
# Exit codes: 0 all good; 1 a check failed (the reason is printed).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=target/jpackage
APP="$DIR/clawscope/bin/clawscope"
fail() { echo "check-package: $*" >&2; exit 1; }

[[ -x "$APP" ]] || fail "no packaged launcher at $APP; run ./mvnw -Ppackage -DskipTests package first"
shopt -s nullglob
debs=("$DIR"/clawscope_*.deb)
[[ ${#debs[@]} -eq 1 ]] || fail "expected one .deb in $DIR, found ${#debs[@]}"
DEB="${debs[0]}"
WANT_VERSION="$(sed -n 's:.*<jpackage.version>\(.*\)</jpackage.version>.*:\1:p' pom.xml | head -n 1)"

version="$("$APP" --version | head -n 1)"
[[ "$version" == "clawscope "* ]] || fail "--version printed '$version'"
echo "check-package: $APP --version: $version"

# The class-data archive: present, and mapped (-Xshare:on refuses to start without it).
[[ -s "$DIR/clawscope/lib/app/clawscope.jsa" ]] || fail "no class-data archive lib/app/clawscope.jsa"
shared="$(JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info" "$APP" --version 2>/dev/null \
  | grep -c 'source: shared objects file' || true)"
[[ "$shared" -gt 1000 ]] || fail "the launcher loaded $shared classes from the class-data archive, expected over 1000"
echo "check-package: the launcher maps its class-data archive ($shared classes for --version)"

work="$(mktemp -d)"
sim_pid=""
cleanup() { [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
token="check-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
mkfifo "$work/sim.out"
CLAWSCOPE_HOME="$work/home" "$APP" sim --token "$token" --tick-ms 500 >"$work/sim.out" 2>"$work/sim.err" </dev/null &
sim_pid=$!
exec 3<"$work/sim.out"
url=""
for _ in $(seq 1 40); do
  if read -r -t 1 line <&3; then
    [[ "$line" == ws://* ]] && { url="$line"; break; }
  fi
done
[[ -n "$url" ]] || fail "the packaged simulator printed no URL: $(cat "$work/sim.err")"
echo "check-package: packaged simulator on $url"

T="$token" CLAWSCOPE_HOME="$work/home" "$APP" probe --url "$url" --token-env T --duration 3s --out "$work/proof" \
  >"$work/probe.out" 2>&1 || fail "probe exited $?: $(tail -n 5 "$work/probe.out")"
grep -q '"type":"hello_ok"' "$work/proof/journal.jsonl" || fail "the probe's journal has no hello_ok"
grep -q '"type":"tick"' "$work/proof/journal.jsonl" || fail "the probe's journal has no tick"
echo "check-package: packaged probe connected ($(grep -c . "$work/proof/journal.jsonl") journal lines)"

# The packaged watch: its runtime must carry the HTTP server and the management beans its metrics use.
printf '{"gateways": [{"name": "sim", "url": "%s", "token_env": "T", "device": false}]}\n' "$url" >"$work/watch.json"
T="$token" CLAWSCOPE_HOME="$work/home" "$APP" watch --config "$work/watch.json" --metrics 127.0.0.1:0 \
  --incidents off --duration 20s >"$work/watch.out" 2>&1 &
watch_pid=$!
metrics_url=""
for _ in $(seq 1 100); do
  metrics_url="$(grep -o 'http://127\.0\.0\.1:[0-9]*/metrics' "$work/watch.out" | head -n 1 || true)"
  if [[ -n "$metrics_url" ]] && grep -q 'sim handshaking -> connected' "$work/watch.out"; then break; fi
  kill -0 "$watch_pid" 2>/dev/null || break
  sleep 0.2
done
[[ -n "$metrics_url" ]] || { kill "$watch_pid" 2>/dev/null; fail "the packaged watch served no metrics: $(tail -n 5 "$work/watch.out")"; }
scraped="$(python3 -c 'import sys,urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' "$metrics_url")" \
  || { kill "$watch_pid" 2>/dev/null; fail "cannot scrape $metrics_url"; }
kill -TERM "$watch_pid"
wait "$watch_pid" || fail "the packaged watch did not exit 0 on SIGTERM: $(tail -n 5 "$work/watch.out")"
grep -q '^clawscope_link_up{gateway="sim"} 1' <<<"$scraped" || fail "the packaged watch's metrics lack clawscope_link_up 1"
grep -q '^process_resident_memory_bytes ' <<<"$scraped" || fail "the packaged watch's metrics lack the process metrics"
echo "check-package: packaged watch connected and served $(grep -c '^clawscope_' <<<"$scraped") clawscope series"

package="$(dpkg-deb -f "$DEB" Package)"
deb_version="$(dpkg-deb -f "$DEB" Version)"
depends="$(dpkg-deb -f "$DEB" Depends)"
[[ "$package" == clawscope ]] || fail "Package is '$package'"
[[ "$deb_version" == "$WANT_VERSION"* ]] || fail "Version is '$deb_version', expected $WANT_VERSION"
[[ ",$depends," == *" libgtk-3-0,"* || ",$depends," == *",libgtk-3-0,"* ]] || fail "Depends lacks libgtk-3-0: $depends"
listing="$(dpkg-deb -c "$DEB")"
grep -q './opt/clawscope/bin/clawscope$' <<<"$listing" || fail "the .deb has no /opt/clawscope/bin/clawscope"
grep -q './opt/clawscope/lib/clawscope-clawscope.desktop$' <<<"$listing" || fail "the .deb has no desktop entry"
grep -q './opt/clawscope/lib/app/cds-dump.sh$' <<<"$listing" || fail "the .deb has no cds-dump.sh"
dpkg-deb --info "$DEB" postinst | grep -q 'cds-dump.sh /opt/clawscope' \
  || fail "the .deb's postinst does not make the class-data archive for /opt/clawscope"
dpkg-deb --info "$DEB" prerm | grep -q 'rm -f /opt/clawscope/lib/app/clawscope.jsa' \
  || fail "the .deb's prerm does not remove the class-data archive"
! grep -q 'clawscope.jsa$' <<<"$listing" || fail "the .deb carries a class-data archive made for the build's paths"
unit_line="$(grep ' \./usr/lib/systemd/user/clawscope-watch\.service$' <<<"$listing" || true)"
[[ -n "$unit_line" ]] || fail "the .deb has no systemd user unit /usr/lib/systemd/user/clawscope-watch.service"
[[ "$unit_line" == "-rw-r--r-- root/root "* ]] || fail "the user unit is not root:root 0644: $unit_line"
dpkg-deb --fsys-tarfile "$DEB" | tar -xO ./usr/lib/systemd/user/clawscope-watch.service \
  | cmp -s - packaging/linux/clawscope-watch.service || fail "the .deb's user unit differs from packaging/linux/"
if grep -q 'md5sums$' <<<"$(dpkg-deb --ctrl-tarfile "$DEB" | tar -t)"; then
  grep -q ' usr/lib/systemd/user/clawscope-watch\.service$' <<<"$(dpkg-deb --info "$DEB" md5sums)" \
    || fail "the .deb's md5sums do not list the user unit"
fi
echo "check-package: the .deb installs the systemd user unit clawscope-watch.service (not enabled)"
echo "check-package: $DEB: Package $package, Version $deb_version, depends on libgtk-3-0"
echo "check-package: app-image $(du -sh "$DIR/clawscope" | cut -f1), .deb $(du -h "$DEB" | cut -f1)"
