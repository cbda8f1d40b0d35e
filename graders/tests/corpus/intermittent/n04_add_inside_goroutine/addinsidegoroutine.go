package addinsidegoroutine

import "sync"

// Lengths returns len of each word, computed concurrently.
func Lengths(words []string) []int {
	out := make([]int, len(words))
	var wg sync.WaitGroup
	for i, w := range words {
		go func() {
			wg.Add(1)
			defer wg.Done()
			out[i] = len(w)
		}()
	}
	wg.Wait()
	return out
}
