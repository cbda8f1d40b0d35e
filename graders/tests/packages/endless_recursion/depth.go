// Package depth recurses without a base case: the run must end in the runtime's stack
// overflow on this file's line, not in an anonymous kill at the memory limit.
package depth

func Depth(n int) int {
	return Depth(n+1) + 1
}
