package addbeforego

import "sync"

func Lengths(words []string) []int {
	out := make([]int, len(words))
	var wg sync.WaitGroup
	for i, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = len(w)
		}()
	}
	wg.Wait()
	return out
}
