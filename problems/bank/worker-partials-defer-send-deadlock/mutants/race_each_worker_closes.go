// mutant: follows "the sender closes the channel" with several senders: every worker closes results after its send; the race detector reports the close racing the send, and the panic is its consequence
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
			defer close(results) // I am a sender, so I close
			local := make(map[string]int)
			for doc := range jobs {
				for w, n := range count(doc) {
					local[w] += n
				}
			}
			results <- local
		}()
	}
	go func() {
		for _, d := range docs {
			jobs <- d
		}
		close(jobs)
	}()

	total := make(map[string]int)
	for part := range results {
		for w, n := range part {
			total[w] += n
		}
	}
	wg.Wait()
	return total
}
