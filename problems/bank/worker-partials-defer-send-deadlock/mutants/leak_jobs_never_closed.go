// mutant: sends one result per doc and collects exactly len(docs) of them, so the answer is right, but jobs is never closed and every worker stays parked in its range loop
package solution

func WordFreq(docs []string, workers int, count func(doc string) map[string]int) map[string]int {
	if workers < 1 {
		workers = 1
	}
	jobs := make(chan string)
	results := make(chan map[string]int)
	for range workers {
		go func() {
			for doc := range jobs {
				results <- count(doc)
			}
		}()
	}
	go func() {
		for _, d := range docs {
			jobs <- d
		}
	}()

	total := make(map[string]int)
	for range docs {
		for w, n := range <-results {
			total[w] += n
		}
	}
	return total
}
