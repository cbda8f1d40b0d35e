package spin

import "runtime"

// Parallelism reports how many goroutines may run at once.
func Parallelism() int { return runtime.GOMAXPROCS(0) }
