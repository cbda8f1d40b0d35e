// Package work hangs only when GOMAXPROCS is 4: the plain test run passes and only the race
// run's -cpu=4 repetition hangs, the way a schedule-dependent deadlock shows under -race.
package work

import "runtime"

func Work() int {
	if runtime.GOMAXPROCS(0) == 4 {
		done := make(chan int)
		go func() { done <- 1 }()
		<-done
		<-done // nobody sends twice
	}
	return 1
}
