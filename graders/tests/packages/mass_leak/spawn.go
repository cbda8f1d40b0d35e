// Package spawn leaks thousands of goroutines, as a leaky server's test can: the report is
// megabytes long and must still come back as a leak, cut, with the total counted.
package spawn

func Spawn(n int) {
	for i := 0; i < n; i++ {
		never := make(chan int)
		go func() { <-never }()
	}
}
