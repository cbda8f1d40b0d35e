#!/usr/bin/env bash
# Makes sure a Docker engine answers; starts dockerd in the background if not.
# Safe to call repeatedly and concurrently; gives up after ~30 s in total.
# Exit 0: `docker info` works. Exit 1: no engine (message on stderr).
set -euo pipefail

log_file=${GOCONCUR_DOCKERD_LOG:-/var/log/goconcur-dockerd.log}
pid_file=${GOCONCUR_DOCKERD_PIDFILE:-/var/run/goconcur-dockerd.pid}
deadline=$((SECONDS + 30))

say() { printf 'ensure_dockerd: %s\n' "$*" >&2; }
left() { echo $((deadline > SECONDS ? deadline - SECONDS : 1)); }
# A wedged daemon can make `docker info` block: always bound it.
answers() {
	local t
	t=$(left)
	timeout "$((t < 5 ? t : 5))" docker info >/dev/null 2>&1
}

command -v docker >/dev/null || { say "docker CLI not installed (scripts/install_system.sh)"; exit 1; }
answers && exit 0
command -v dockerd >/dev/null || { say "dockerd not installed and no engine answers"; exit 1; }
[ "$(id -u)" = 0 ] || { say "no engine answers and only root can start dockerd"; exit 1; }

# Two callers at once must not start two daemons.
mkdir -p "$(dirname "$pid_file")"
exec 9>"$pid_file.lock"
flock -w "$(left)" 9 || { say "timed out waiting for another ensure_dockerd"; exit 1; }
answers && exit 0

pid=$(cat "$pid_file" 2>/dev/null || true)
if [ -n "$pid" ] && grep -qx dockerd "/proc/$pid/comm" 2>/dev/null; then
	say "dockerd (pid $pid) is running but not answering yet; waiting"
else
	rm -f "$pid_file" # a stale pidfile makes dockerd refuse to start
	say "starting dockerd (log: $log_file)"
	# No bridge/iptables: this host may itself be a container, and sandbox
	# jobs run with --network none anyway. setsid: outlive this script.
	setsid dockerd --bridge=none --iptables=false --log-level=warn \
		--pidfile "$pid_file" >>"$log_file" 2>&1 </dev/null &
	pid=$!
fi

while [ "$SECONDS" -lt "$deadline" ]; do
	answers && { say "docker is up"; exit 0; }
	kill -0 "$pid" 2>/dev/null || break # died: no point waiting
	sleep 1
done
say "dockerd did not come up (see $log_file); last lines:"
tail -n 15 "$log_file" >&2 || true
exit 1
