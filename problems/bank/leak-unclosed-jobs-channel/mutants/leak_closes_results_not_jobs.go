// mutant: closes the results channel after reading it instead of jobs, so the workers still wait in range jobs forever
package solution

func CountMatches(lines []string, workers int, match func(string) bool) int {
	jobs := make(chan string)
	results := make(chan bool)

	for i := 0; i < workers; i++ {
		go func() {
			for line := range jobs {
				results <- match(line)
			}
		}()
	}

	go func() {
		for _, line := range lines {
			jobs <- line
		}
	}()

	count := 0
	for range lines {
		if <-results {
			count++
		}
	}
	close(results)
	return count
}
