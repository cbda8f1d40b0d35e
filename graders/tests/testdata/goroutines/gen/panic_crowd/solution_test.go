package solution

import "testing"

// TestCrowd panics with 200 goroutines parked: under GOTRACEBACK=all the runtime prints
// every one of them, and a big enough program overflows any output cap.
func TestCrowd(t *testing.T) {
	gate := make(chan struct{})
	for i := 0; i < 200; i++ {
		go func() { <-gate }()
	}
	Count()
}
