package solution

import "sync"

// FetchAll calls fetch for every key concurrently and waits for all the calls.
// It returns the values of the calls that succeeded, keyed by key, and the
// error of one of the calls that failed (nil if none failed).
func FetchAll(keys []string, fetch func(key string) (string, error)) (map[string]string, error) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	values := make(map[string]string, len(keys))
	var firstErr error

	for _, key := range keys {
		// Add before the go statement: Wait must already count this goroutine
		// when it runs, whatever the scheduler does.
		wg.Add(1)
		go func() {
			// Deferred, so every path out of the goroutine reports Done.
			defer wg.Done()
			v, err := fetch(key)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			values[key] = v
		}()
	}

	wg.Wait()
	return values, firstErr
}
