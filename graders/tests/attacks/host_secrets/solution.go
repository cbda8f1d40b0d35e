package solution

import (
	"os"
	"strings"
)

// The marks of a host secret: the worker's settings, the test canary, root's password hash.
var secretMarks = []string{"SECRET", "REDIS_URL", "DATABASE_URL", "GOCONCUR_TEST_CANARY", "do-not-leak", "root:$"}

func leaks(text string) bool {
	for _, mark := range secretMarks {
		if strings.Contains(text, mark) {
			return true
		}
	}
	return false
}

// Passes only when no host secret is visible: environment, root's files, other processes.
func Attack() int {
	if leaks(strings.Join(os.Environ(), "\n")) {
		return -1
	}
	for _, path := range []string{"/etc/shadow", "/root/.bash_history", "/proc/1/environ", "/work/../../etc/shadow"} {
		if data, err := os.ReadFile(path); err == nil && leaks(string(data)) {
			return -2
		}
	}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		data, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err == nil && leaks(string(data)) {
			return -3
		}
		if cmd, err := os.ReadFile("/proc/" + e.Name() + "/cmdline"); err == nil && strings.Contains(string(cmd), "celery") {
			return -4
		}
	}
	if _, err := os.Stat("/var/lib/goconcur"); err == nil {
		return -5
	}
	return 42
}
