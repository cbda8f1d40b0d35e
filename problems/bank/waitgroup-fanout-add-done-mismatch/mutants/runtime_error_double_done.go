// mutant: adds `defer wg.Done()` at the top but leaves the old wg.Done() at the end, so the counter goes negative
package solution

import "sync"

func FetchAll(keys []string, fetch func(key string) (string, error)) (map[string]string, error) {
	var wg sync.WaitGroup
	var mu sync.Mutex
	values := make(map[string]string)
	var firstErr error

	for _, key := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
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
