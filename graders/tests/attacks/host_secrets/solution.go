package solution

import (
	"os"
	"strings"
)

// Passes only when no host secret is visible: environment, root's files, other processes.
func Attack() int {
	for _, kv := range os.Environ() {
		key := strings.SplitN(kv, "=", 2)[0]
		if strings.Contains(key, "SECRET") || strings.Contains(key, "REDIS") || strings.Contains(key, "DATABASE") || strings.HasPrefix(key, "GOCONCUR_TEST_CANARY") {
			return -1
		}
	}
	for _, path := range []string{"/etc/shadow", "/root/.bash_history", "/proc/1/environ", "/var/lib/goconcur", "/work/../../etc/shadow"} {
		if data, err := os.ReadFile(path); err == nil && len(data) > 0 {
			return -2
		}
	}
	if entries, err := os.ReadDir("/proc"); err == nil {
		for _, e := range entries {
			if data, err := os.ReadFile("/proc/" + e.Name() + "/cmdline"); err == nil && strings.Contains(string(data), "celery") {
				return -3
			}
		}
	}
	return 42
}
