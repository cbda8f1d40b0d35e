// mutant: every worker closes results when its own range loop ends, so the first one to finish closes it under the others; the race detector reports the close racing the send, and the panic is its consequence
package solution

func CountMatches(lines []string, workers int, match func(string) bool) int {
	jobs := make(chan string)
	results := make(chan bool)

	for i := 0; i < workers; i++ {
		go func() {
			defer close(results)
			for line := range jobs {
				results <- match(line)
			}
		}()
	}

	go func() {
		defer close(jobs)
		for _, line := range lines {
			jobs <- line
		}
	}()

	count := 0
	for ok := range results {
		if ok {
			count++
		}
	}
	return count
}
