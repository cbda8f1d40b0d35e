package solution

import "os"

// Passes only when everything outside the scratch space is read-only.
func Attack() int {
	for _, path := range []string{"/etc/goconcur-owned", "/usr/local/go/src/owned.go", "/opt/goconcur/gocache/owned", "/owned", "/usr/bin/owned"} {
		if err := os.WriteFile(path, []byte("owned"), 0o644); err == nil {
			return -1
		}
	}
	return 42
}
