package solution

import "os"

// Leaves files behind; the next job must not see them (see leftover_probe).
func Attack() int {
	for _, path := range []string{"/tmp/goconcur-leftover", "/dev/shm/goconcur-leftover", "/work/leftover"} {
		_ = os.WriteFile(path, []byte("left behind"), 0o644)
	}
	return 42
}
