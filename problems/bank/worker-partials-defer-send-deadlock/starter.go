package solution

import "sync"

// WordFreq counts words across docs with a fixed number of workers. Each
// worker keeps its own partial counts and hands them over when it is done.
func WordFreq(docs []string, workers int, count func(doc string) map[string]int) map[string]int {
	jobs := make(chan string)
	results := make(chan map[string]int)
	var wg sync.WaitGroup

	for i := 0; i < workers; i++ {
		go func() {
			wg.Add(1)
			defer wg.Done()
			local := make(map[string]int)
			defer func() { results <- local }() // hand the partial over on the way out
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
	wg.Wait()

	total := make(map[string]int)
	for part := range results {
		for w, n := range part {
			total[w] += n
		}
	}
	return total
}
