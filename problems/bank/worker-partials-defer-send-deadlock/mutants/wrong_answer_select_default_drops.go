// mutant: applies "select with default prevents blocking forever" to the final send, so a partial is dropped whenever the collector is busy
package solution

import "sync"

func WordFreq(docs []string, workers int, count func(doc string) map[string]int) map[string]int {
	if workers < 1 {
		workers = 1
	}
	jobs := make(chan string)
	results := make(chan map[string]int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := make(map[string]int)
			for doc := range jobs {
				for w, n := range count(doc) {
					local[w] += n
				}
			}
			select {
			case results <- local:
			default: // never block on the way out
			}
		}()
	}
	go func() {
		for _, d := range docs {
			jobs <- d
		}
		close(jobs)
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	total := make(map[string]int)
	for part := range results {
		for w, n := range part {
			total[w] += n
		}
	}
	return total
}
