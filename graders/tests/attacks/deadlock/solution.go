package solution

import "sync"

// Two goroutines take two locks in opposite orders.
func Attack() int {
	var a, b sync.Mutex
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < 1000000; i++ {
			a.Lock()
			b.Lock()
			b.Unlock()
			a.Unlock()
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < 1000000; i++ {
			b.Lock()
			a.Lock()
			a.Unlock()
			b.Unlock()
		}
	}()
	wg.Wait()
	return 42
}
