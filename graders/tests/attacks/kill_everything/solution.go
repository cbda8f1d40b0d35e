package solution

import "syscall"

// Sends SIGKILL to every process it may signal: the box's own processes must not be among
// them, so the box survives for the next step and only this run dies.
func Attack() int {
	_ = syscall.Kill(-1, syscall.SIGKILL)
	return 42
}
