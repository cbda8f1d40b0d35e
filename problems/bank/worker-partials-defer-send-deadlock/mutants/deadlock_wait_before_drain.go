// mutant: closes jobs and adds to the WaitGroup correctly, but waits for the workers before anyone reads results, while each worker is stuck sending its partial
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
			defer func() { results <- local }()
			for doc := range jobs {
				for w, n := range count(doc) {
					local[w] += n
				}
			}
		}()
	}
	for _, d := range docs {
		jobs <- d
	}
	close(jobs)

	wg.Wait() // all workers done: now it is safe to close results
	close(results)

	total := make(map[string]int)
	for part := range results {
		for w, n := range part {
			total[w] += n
		}
	}
	return total
}
