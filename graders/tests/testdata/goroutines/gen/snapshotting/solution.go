package solution

import "runtime"

// WaitUntilAlone polls full goroutine dumps until it is the only goroutine left. Each dump
// stops the world, so at any instant the poller is often "stopping the world", not running.
func WaitUntilAlone() {
	buf := make([]byte, 1<<16)
	for runtime.NumGoroutine() > 1 {
		runtime.Stack(buf, true)
	}
}
