package solution

import (
	"sync"
	"time"
)

func recvForever(ch chan int) { <-ch }

func selectForever(a, b chan int) {
	select {
	case <-a:
	case <-b:
	}
}

func lockForever(mu *sync.Mutex) { mu.Lock() }

func waitForever(wg *sync.WaitGroup) { wg.Wait() }

func sleepLong() { time.Sleep(time.Hour) }

// deep recurses so the runtime elides the middle of the stack.
func deep(n int, ch chan int) int {
	if n == 0 {
		return <-ch
	}
	return deep(n-1, ch) + 1
}

// Start leaks one goroutine per kind of blocking operation.
func Start() {
	var mu sync.Mutex
	mu.Lock()
	var wg sync.WaitGroup
	wg.Add(1)
	go recvForever(make(chan int))
	go selectForever(make(chan int), make(chan int))
	go lockForever(&mu)
	go waitForever(&wg)
	go sleepLong()
	go deep(150, make(chan int))
}
