// Package leaky returns the first of several answers; the others' senders block forever.
package leaky

func First(answers []int) int {
	ch := make(chan int)
	for _, a := range answers {
		go func() { ch <- a }()
	}
	return <-ch
}
