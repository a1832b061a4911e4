#!/bin/sh
# cds-dump.sh APP_DIR — makes APP_DIR/lib/app/clawscope.jsa, the class-data archive the launcher
# maps at start-up (-XX:SharedArchiveFile in clawscope.cfg), from the class list beside it. The
# archive holds the class path it was made with, so it is made where the app runs: by the package
# build for its app-image, and again by the .deb's postinst for /opt/clawscope. Without a matching
# archive the app starts all the same, only slower.
set -eu
root="$1"
app="$root/lib/app"
cp="$(sed -n 's/^app\.classpath=//p' "$app/clawscope.cfg" | sed "s|\$APPDIR|$app|g" | paste -sd: -)"
rm -f "$app/clawscope.jsa"
exec "$root/lib/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$app/cds-classes.txt" \
  -XX:SharedArchiveFile="$app/clawscope.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$cp"
