package solution

import (
	"os"
	"path/filepath"
	"strings"
)

// Passes only when no source is left to read while the code runs: neither the hidden tests
// (whose expected answers a reader could copy) nor the reference solution.
func Attack() int {
	found := 0
	for _, root := range []string{"/work", "/tmp", "."} {
		filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
				found++
			}
			return nil
		})
	}
	if found > 0 {
		return -found
	}
	return 42
}
