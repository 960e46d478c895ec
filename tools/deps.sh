#!/bin/sh
# Makes sure the Debian packages kaohe needs are installed.
#   tools/deps.sh build   what `make run` needs (compile and serve)
#   tools/deps.sh test    also what `make test` needs (sanitizers, fuzzing,
#                         the browser tests)
# As root, missing packages are installed with apt-get; otherwise the exact
# command is printed and the script fails.
set -eu

profile=${1:-build}

# "command package" pairs: a tool counts as present when it is on PATH
# (it may come from elsewhere than Debian, e.g. a newer Node.js).
tools_build="cc:gcc pkg-config:pkg-config meson:meson ninja:ninja-build python3:python3"
tools_test="clang:clang sqlite3:sqlite3 node:nodejs npm:npm chromium:chromium"
libs_build="libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev libcsv-dev libicu-dev libxlsxwriter-dev libzip-dev libexpat1-dev libqrencode-dev"
libs_test="libcmocka-dev libclang-rt-14-dev"

tools=$tools_build
libs=$libs_build
if [ "$profile" = test ]; then
	tools="$tools $tools_test"
	libs="$libs $libs_test"
fi

missing=""
for pair in $tools; do
	cmd=${pair%%:*}
	pkg=${pair#*:}
	command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
done
for pkg in $libs; do
	status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
	case "$status" in
	*" installed") ;;
	*) missing="$missing $pkg" ;;
	esac
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
	echo "deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
else
	echo "deps: these Debian packages are missing:$missing" >&2
	echo "deps: install them with:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
