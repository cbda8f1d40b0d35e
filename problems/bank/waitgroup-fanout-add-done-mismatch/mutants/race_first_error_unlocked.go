// mutant: guards the map with the mutex but records the first error without it
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
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			mu.Lock()
			values[key] = v
			mu.Unlock()
		}()
	}

	wg.Wait()
	return values, firstErr
}
