// mutant: removes the early return so Done is always reached, but now stores an empty value for keys whose fetch failed
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
			v, err := fetch(key)
			mu.Lock()
			if err != nil && firstErr == nil {
				firstErr = err
			}
			values[key] = v
			mu.Unlock()
			wg.Done()
		}()
	}

	wg.Wait()
	return values, firstErr
}
