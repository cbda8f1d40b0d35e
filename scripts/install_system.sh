#!/usr/bin/env bash
# Installs the Debian packages goconcur needs, only those missing. Idempotent;
# runs `apt-get update` only when something has to be installed. For a fresh
# Debian bookworm, as root; starts no services (the platform starts its own).
#
#   scripts/install_system.sh [extra-package ...]
set -euo pipefail

packages=(
	bubblewrap      # sandbox backend without Docker
	debootstrap     # sandbox root filesystem (sandbox/image/build.sh)
	docker.io       # sandbox backend (dockerd started by scripts/ensure_dockerd.sh)
	redis-server    # job queue
	postgresql      # the production database, tested by make test (a private cluster)
	libpango-1.0-0 libpangoft2-1.0-0 # WeasyPrint's text layout (reports as PDF)
	poppler-utils   # pdftotext/pdftoppm: the tests read the PDF reports back
	util-linux      # flock, setpriv, unshare
	chromium        # headless browser for the platform's pages
	fonts-noto-cjk  # so CJK text renders in chromium
	python3-venv    # the platform's virtualenv
	ca-certificates # HTTPS to PyPI and the Go module proxy
	tar zstd xz-utils
	"$@"
)

say() { printf 'install_system: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root"
if ! command -v apt-get >/dev/null || [ ! -r /etc/debian_version ]; then
	die "needs Debian (apt-get)"
fi

missing=()
for p in "${packages[@]}"; do
	if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" != "ii " ]; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -eq 0 ]; then
	say "all ${#packages[@]} packages present"
	exit 0
fi
say "installing: ${missing[*]}"

# Keep package scripts from starting redis or dockerd now (no init system
# may be running, and the platform starts what it needs itself).
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
	chmod 0755 /usr/sbin/policy-rc.d
	created_policy=1
fi
cleanup() { [ "$created_policy" = 0 ] || rm -f /usr/sbin/policy-rc.d; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt_log=$(mktemp /tmp/install_system.XXXXXX.log)
run() {
	"$@" >>"$apt_log" 2>&1 || {
		tail -n 25 "$apt_log" >&2
		die "'$*' failed (full log: $apt_log)"
	}
}
run apt-get update -q
run apt-get install -y -q --no-install-recommends "${missing[@]}"
rm -f "$apt_log"
say "installed ${#missing[@]} package(s)"
