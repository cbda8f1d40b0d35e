// Package watch has one function that cleans up after itself and one that leaves its
// goroutine blocked for ever: the leak must be blamed on the test that called the second.
package watch

// Sum adds up in a goroutine and waits for it.
func Sum(xs []int) int {
	done := make(chan int)
	go func() {
		total := 0
		for _, x := range xs {
			total += x
		}
		done <- total
	}()
	return <-done
}

// Watch starts a watcher whose stop channel nobody can close.
func Watch() {
	stop := make(chan struct{})
	go func() {
		<-stop
	}()
}
