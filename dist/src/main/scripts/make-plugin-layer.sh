#!/usr/bin/env bash
# Makes a Lambda layer zip from a folder of logdrain plugin jars:
#
#   make-plugin-layer.sh PLUGIN_JAR_DIR [OUT.zip]     (default OUT: logdrain-plugin-layer.zip)
#
# The jars go under logdrain/plugins/ in the zip; Lambda unpacks a layer into /opt, where logdrain looks
# for plugins (/opt/logdrain/plugins). Publish it with
#   aws lambda publish-layer-version --layer-name logdrain-plugins --zip-file fileb://OUT.zip
# and give the ARN it prints as the templates' PluginLayerArn.
set -euo pipefail
die() { echo "make-plugin-layer: $*" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: make-plugin-layer.sh PLUGIN_JAR_DIR [OUT.zip]"
src="$1"
out="${2:-logdrain-plugin-layer.zip}"
[ -d "$src" ] || die "$src is not a folder"
shopt -s nullglob
jars=("$src"/*.jar)
[ ${#jars[@]} -gt 0 ] || die "$src holds no .jar file"
case "$out" in /*) ;; *) out="$PWD/$out" ;; esac
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/logdrain/plugins"
cp "${jars[@]}" "$stage/logdrain/plugins/"
rm -f "$out"
if command -v zip >/dev/null 2>&1; then
  (cd "$stage" && zip -qrX "$out" logdrain)
elif command -v jar >/dev/null 2>&1; then
  jar --create --no-manifest --file "$out" -C "$stage" logdrain
else
  die "needs zip or a JDK's jar to write $out"
fi
echo "make-plugin-layer: $out (${#jars[@]} plugin jar(s) under logdrain/plugins/)" >&2
