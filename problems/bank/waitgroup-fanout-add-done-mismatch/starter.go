package solution

import "sync"

// FetchAll calls fetch for every key concurrently and waits for all the calls.
// It returns the values of the calls that succeeded, keyed by key, and the
// error of one of the calls that failed (nil if none failed).
func FetchAll(keys []string, fetch func(key string) (string, error)) (map[string]string, error) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	values := make(map[string]string)
	var firstErr error

	for _, key := range keys {
		go func() {
			wg.Add(1)
			v, err := fetch(key)
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				return
			}
			mu.Lock()
			values[key] = v
			mu.Unlock()
			wg.Done()
		}()
	}

	wg.Wait()
	return values, firstErr
}
