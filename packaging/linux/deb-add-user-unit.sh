#!/usr/bin/env bash
# deb-add-user-unit.sh — adds the systemd user unit for `clawscope watch` to the .deb jpackage built:
# jpackage puts everything under /opt/clawscope and has no way to add a file elsewhere, so the .deb
# is unpacked, given /usr/lib/systemd/user/clawscope-watch.service (root:root, 0644), its md5sums
# and Installed-Size brought up to date, and packed again in place, owned by root as before.
#
# Usage: packaging/linux/deb-add-user-unit.sh DEB UNIT     (the package profile runs it)
# Exit codes: 0 done; 1 a step failed (the reason is printed); 2 usage.
set -euo pipefail
[[ $# -eq 2 && -f "$1" && -f "$2" ]] || { echo "usage: $0 DEB UNIT (both existing files)" >&2; exit 2; }
DEB="$1"
UNIT="$2"
TARGET=usr/lib/systemd/user/clawscope-watch.service

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
dpkg-deb -R "$DEB" "$root"
install -d -m 0755 "$root/usr" "$root/usr/lib" "$root/usr/lib/systemd" "$root/usr/lib/systemd/user"
install -m 0644 "$UNIT" "$root/$TARGET"

if [[ -f "$root/DEBIAN/md5sums" ]]; then
  (cd "$root" && md5sum "$TARGET") >>"$root/DEBIAN/md5sums"
fi
size_kib="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
sed -i "s/^Installed-Size:.*/Installed-Size: $size_kib/" "$root/DEBIAN/control"

dpkg-deb --root-owner-group -b "$root" "$work/new.deb" >/dev/null
mv "$work/new.deb" "$DEB"
echo "deb-add-user-unit: $DEB now holds /$TARGET"
