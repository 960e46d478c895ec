#!/bin/sh
# Refuses an #include that points up the layers
#   base <- core <- store <- app <- {io, http} <- cli
# (a layer may include its own headers and those of the layers below).
# Run as a meson test; prints each offending line.
set -eu
src=${1:-$(dirname "$0")/../src}
allowed() {
	case $1 in
	base) echo "base" ;;
	core) echo "base core" ;;
	store) echo "base core store" ;;
	app) echo "base core store app" ;;
	io) echo "base core store app io" ;;
	http) echo "base core store app io http" ;;
	cli) echo "base core store app io http cli" ;;
	esac
}
bad=0
for dir in "$src"/*/; do
	layer=$(basename "$dir")
	ok=$(allowed "$layer")
	[ -n "$ok" ] || { echo "unknown layer: $layer"; bad=1; continue; }
	for f in $(find "$dir" -name '*.[ch]'); do
		grep -n '^#include "' "$f" | while IFS= read -r line; do
			target=$(echo "$line" | sed -n 's/.*#include "\([a-z]*\)\/.*/\1/p')
			[ -n "$target" ] || continue
			case " $ok " in
			*" $target "*) ;;
			*) echo "$f: $line (layer $layer may not include $target)"; exit 1 ;;
			esac
		done || bad=1
	done
done
# core is pure: no I/O, no HTTP, JSON or database headers.
if grep -rn -E '#include <(stdio|microhttpd|jansson|sqlite3|libpq-fe|fcntl|unistd|sys/socket)\.h>' "$src/core"; then
	echo "core must not do I/O or include HTTP, JSON or database headers"
	bad=1
fi
exit $bad
