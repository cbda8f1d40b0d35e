package solution

import "os"

// Passes only when no earlier job's files are visible.
func Attack() int {
	for _, path := range []string{"/tmp/goconcur-leftover", "/dev/shm/goconcur-leftover", "/work/leftover"} {
		if _, err := os.Stat(path); err == nil {
			return -1
		}
	}
	return 42
}
