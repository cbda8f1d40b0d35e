package solution

import "sync"

// WordFreq counts words across docs with a fixed number of workers. Each
// worker keeps its own partial counts and hands them over when it is done.
func WordFreq(docs []string, workers int, count func(doc string) map[string]int) map[string]int {
	if workers < 1 {
		workers = 1
	}
	jobs := make(chan string)
	results := make(chan map[string]int)
	var wg sync.WaitGroup

	for range workers {
		wg.Add(1) // before the goroutine starts, so Wait cannot miss it
		go func() {
			defer wg.Done()
			local := make(map[string]int)
			for doc := range jobs { // ends when jobs is closed
				for w, n := range count(doc) {
					local[w] += n
				}
			}
			results <- local // someone is ranging over results: this send completes
		}()
	}

	// Workers only send after jobs is closed, so feeding never blocks on them
	// for long; the single sender closes jobs.
	go func() {
		for _, d := range docs {
			jobs <- d
		}
		close(jobs)
	}()
	// Close results once every worker has sent its partial: ends the range below.
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
