#!/usr/bin/env bash
# Builds the goconcur sandbox root filesystem, and from it the Docker image,
# without any container registry: debootstrap (bookworm minbase + gcc), the
# host Go toolchain, the job module's dependencies and a pre-warmed build
# cache. Nothing is rebuilt unless an input changed.
#
#   sandbox/image/build.sh [--no-docker] [--force]
#
# Writes $GOCONCUR_CACHE_DIR/current.env (default /var/cache/goconcur) with
# GOCONCUR_ROOTFS=... and, when an image was built, GOCONCUR_IMAGE=..., and
# prints the same lines last. Needs root (debootstrap, bwrap, chown).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cache=${GOCONCUR_CACHE_DIR:-/var/cache/goconcur}
mirror=${GOCONCUR_DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=bookworm
variant=minbase
include=gcc,libc6-dev
sandbox_uid=10001
use_docker=1
force=0

log() { printf 'build.sh: %s\n' "$*" >&2; }
die() {
	log "error: $*"
	exit 1
}

for arg in "$@"; do
	case $arg in
	--no-docker) use_docker=0 ;;
	--force) force=1 ;;
	-h | --help)
		sed -n '2,12p' "${BASH_SOURCE[0]}"
		exit 0
		;;
	*) die "unknown argument $arg (use --no-docker, --force)" ;;
	esac
done

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, bwrap, chown)"
for tool in go debootstrap bwrap flock sha256sum tar dpkg; do
	command -v "$tool" >/dev/null || die "$tool not found (scripts/install_system.sh installs it)"
done
goroot=$(go env GOROOT)
arch=$(dpkg --print-architecture)
mkdir -p "$cache/logs"

# One build at a time per cache dir; a second caller waits, then finds the
# result up to date.
exec 9>"$cache/.lock"
flock -n 9 || {
	log "waiting for another build.sh to finish"
	flock 9
}

# ---- cache key: everything that ends up in the rootfs or decides its contents.
key_inputs() {
	local paths=(sandbox/image/build.sh sandbox/image/Dockerfile sandbox/image/warm.sh
		sandbox/image/cacheprog sandbox/image/warm sandbox/image/module)
	local existing=() p
	for p in "${paths[@]}"; do [ -e "$repo/$p" ] && existing+=("$p"); done
	printf 'suite=%s variant=%s include=%s arch=%s uid=%s\n' "$suite" "$variant" "$include" "$arch" "$sandbox_uid"
	go version
	(cd "$repo" && find "${existing[@]}" -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
	# Only the harness files the warm step compiles (templates are rendered per job).
	(cd "$repo" && find graders/harness -name '*.go' -type f -print0 2>/dev/null |
		LC_ALL=C sort -z | xargs -0 -r sha256sum)
}
key=$(key_inputs | sha256sum | cut -c1-64)
key12=${key:0:12}
rootfs=$cache/rootfs-$key12
image=goconcur-sandbox:$key12

docker_ok() {
	command -v docker >/dev/null && timeout 20 docker info >/dev/null 2>&1
}

# Remove a half-built tree without ever crossing into a mounted filesystem
# (debootstrap mounts /proc and /sys in the target while it works).
remove_tree() {
	local dir=$1 m
	[ -e "$dir" ] || return 0
	awk -v d="$dir/" 'index($2 "/", d) == 1 {print $2}' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" || true; done
	rm -rf --one-file-system "$dir"
}

build_rootfs() {
	local t_start tmp root tarball inc_hash moddir
	t_start=$(date +%s)
	tmp=$(mktemp -d "$cache/.building-$key12.XXXXXX")
	# GOCONCUR_KEEP_FAILED=1 leaves a failed tree in place for debugging.
	# shellcheck disable=SC2064 # expand now: tmp is local
	[ "${GOCONCUR_KEEP_FAILED:-0}" = 1 ] || trap "remove_tree '$tmp'" EXIT
	root=$tmp/root

	# Debian packages: downloaded once into a tarball keyed by what is
	# installed, so a rebuild after e.g. a harness change works offline.
	inc_hash=$(printf '%s %s %s %s' "$suite" "$variant" "$include" "$arch" | sha256sum | cut -c1-12)
	tarball=$cache/debootstrap-$suite-$inc_hash.tgz
	if [ ! -s "$tarball" ]; then
		log "downloading Debian $suite packages (debootstrap --make-tarball, log in $cache/logs)"
		remove_tree "$tmp/dl"
		debootstrap --variant="$variant" --include="$include" --arch="$arch" \
			--make-tarball="$tmp/debs.tgz" "$suite" "$tmp/dl" "$mirror" \
			>"$cache/logs/debootstrap-download.log" 2>&1 ||
			{ tail -n 20 "$cache/logs/debootstrap-download.log" >&2; die "debootstrap --make-tarball failed"; }
		mv "$tmp/debs.tgz" "$tarball"
		remove_tree "$tmp/dl"
	else
		log "reusing $tarball"
	fi
	log "debootstrap $suite ($variant, +$include)"
	debootstrap --variant="$variant" --include="$include" --arch="$arch" \
		--unpack-tarball="$tarball" "$suite" "$root" "$mirror" \
		>"$cache/logs/debootstrap-$key12.log" 2>&1 ||
		{ tail -n 20 "$cache/logs/debootstrap-$key12.log" >&2; die "debootstrap failed"; }
	# No network in the sandbox: package lists and .debs are dead weight.
	rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*

	log "copying Go from $goroot ($(go version | cut -d' ' -f3))"
	# pkg/obj (toolchain build objects) and test/ (Go's own test suite) are
	# never read by builds. Keep mtimes: cmd/go's std package index uses them.
	mkdir -p "$root/usr/local/go"
	tar -C "$goroot" --exclude=./pkg/obj --exclude=./test -cf - . | tar -C "$root/usr/local/go" --no-same-owner -xf -

	echo "sandbox:x:$sandbox_uid:$sandbox_uid:goconcur sandbox:/tmp:/usr/sbin/nologin" >>"$root/etc/passwd"
	echo "sandbox:x:$sandbox_uid:" >>"$root/etc/group"
	echo "sandbox:*:19000:0:99999:7:::" >>"$root/etc/shadow"

	mkdir -p "$root/opt/goconcur/"{bin,template,gomod,gocache} "$root/work"
	chmod 0755 "$root/work"
	chmod 1777 "$root/tmp"
	cp "$here/module/go.mod" "$here/module/go.sum" "$root/opt/goconcur/template/"
	install -m 0755 "$here/warm.sh" "$root/opt/goconcur/warm.sh"

	log "downloading modules into /opt/goconcur/gomod"
	moddir=$tmp/mod
	mkdir -p "$moddir"
	cp "$here/module/go.mod" "$here/module/go.sum" "$moddir/"
	# all = every module of the build list, so offline -mod=readonly loads never miss.
	(cd "$moddir" && GOMODCACHE="$root/opt/goconcur/gomod" GOFLAGS=-modcacherw GOWORK=off \
		GOTOOLCHAIN=local go mod download all) || die "go mod download failed"

	log "building cacheprog"
	(cd "$here/cacheprog" && CGO_ENABLED=0 GOWORK=off GOFLAGS='' GOTOOLCHAIN=local \
		go build -trimpath -ldflags='-s -w' -o "$root/opt/goconcur/bin/cacheprog" .) ||
		die "building cacheprog failed"

	bash "$here/warm.sh" stage "$root/work/src" "$here/warm" "$here/module" "$repo/graders/harness"

	# Warm inside the new root so every path is the one jobs see.
	log "warming the build cache inside the root (bwrap)"
	bwrap --bind "$root" / --dev /dev --proc /proc --tmpfs /tmp \
		--unshare-pid --unshare-net --unshare-ipc --unshare-uts --die-with-parent \
		--clearenv --setenv PATH /usr/bin:/bin --chdir / \
		-- /bin/bash /opt/goconcur/warm.sh run || die "warming failed"

	# Check it as a job would: read-only root, private /tmp, sandbox user.
	# (setpriv inside a root-started bwrap: works without unprivileged userns.)
	log "verifying: a new package builds without rebuilding anything else"
	mkdir -p "$tmp/verify"
	chown "$sandbox_uid:$sandbox_uid" "$tmp/verify"
	chmod 0755 "$tmp" "$root"
	bwrap --ro-bind "$root" / --dev /dev --proc /proc --perms 1777 --tmpfs /tmp --bind "$tmp/verify" /work \
		--unshare-pid --unshare-net --unshare-ipc --unshare-uts --die-with-parent \
		--clearenv --setenv PATH /usr/bin:/bin --chdir / \
		-- /usr/bin/setpriv --reuid="$sandbox_uid" --regid="$sandbox_uid" --clear-groups \
		--inh-caps=-all --bounding-set=-all --no-new-privs \
		/bin/bash /opt/goconcur/warm.sh verify /work || die "verification failed"
	remove_tree "$tmp/verify"

	touch "$root"
	if [ -d "$rootfs" ]; then # --force: swap, then drop the old tree
		mv "$rootfs" "$tmp/old"
	fi
	mv "$root" "$rootfs"
	trap - EXIT
	remove_tree "$tmp"
	log "rootfs built in $(($(date +%s) - t_start)) s: $rootfs ($(du -sh "$rootfs" | cut -f1), build cache $(du -sh "$rootfs/opt/goconcur/gocache" | cut -f1))"
}

# Keep the current root filesystem and the newest other one (a running job
# may still use it); drop images whose rootfs is gone.
prune() {
	local old k
	# shellcheck disable=SC2010,SC2012 # names are ours: rootfs-<hex>
	old=$(ls -1dt "$cache"/rootfs-* 2>/dev/null | grep -v -x -F "$rootfs" | tail -n +2 || true)
	for k in $old; do
		log "removing old $k"
		remove_tree "$k"
	done
	if [ "$use_docker" = 1 ] && docker_ok; then
		docker image ls --format '{{.Tag}}' goconcur-sandbox | while read -r k; do
			case $k in latest | "$key12") continue ;; esac
			[ -d "$cache/rootfs-$k" ] || docker rmi "goconcur-sandbox:$k" >/dev/null 2>&1 || true
		done
	fi
}

build_image() {
	local t0
	t0=$(date +%s)
	log "importing $image into Docker"
	# Same defaults as the Dockerfile; the backend still passes its own env.
	tar -C "$rootfs" --numeric-owner -cf - . | docker import \
		--change "USER $sandbox_uid:$sandbox_uid" \
		--change 'WORKDIR /work' \
		--change 'ENV PATH=/usr/local/go/bin:/usr/bin:/bin' \
		--change "LABEL org.goconcur.key=$key" \
		--message "goconcur sandbox $key12 (sandbox/image/build.sh)" \
		- "$image" >/dev/null || die "docker import failed"
	log "image imported in $(($(date +%s) - t0)) s"
}

if [ "$force" = 1 ] || [ ! -d "$rootfs" ]; then
	build_rootfs
else
	log "rootfs up to date: $rootfs"
fi

image_line=
if [ "$use_docker" = 1 ]; then
	if docker_ok; then
		if [ "$force" = 1 ] || ! docker image inspect "$image" >/dev/null 2>&1; then
			build_image
		else
			log "image up to date: $image"
		fi
		docker tag "$image" goconcur-sandbox:latest
		image_line="GOCONCUR_IMAGE=$image"
	else
		log "no Docker engine answers: image skipped (scripts/ensure_dockerd.sh starts one)"
	fi
fi
prune

env_file=$cache/current.env
{
	echo "GOCONCUR_ROOTFS=$rootfs"
	[ -z "$image_line" ] || echo "$image_line"
} >"$env_file.tmp"
mv "$env_file.tmp" "$env_file"
cat "$env_file"
