package solution

import (
	"os"
	"path/filepath"
)

// Passes only when the compiled test binaries are out of its reach: otherwise it could swap
// the race binary for the reference before the race run.
func Attack() int {
	binaries, _ := filepath.Glob("/work/bin/*")
	if len(binaries) == 0 {
		return -2 // nothing to attack: the attack itself is broken
	}
	for _, path := range binaries {
		if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
			f.Close()
			return -1
		}
		if os.Chmod(path, 0o777) == nil || os.Rename(path, path+".moved") == nil {
			return -1
		}
	}
	if os.WriteFile("/work/bin/planted", []byte("x"), 0o755) == nil {
		return -1
	}
	return 42
}
