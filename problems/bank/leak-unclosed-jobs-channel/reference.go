package solution

// CountMatches reports how many lines satisfy match, spreading the work over
// `workers` goroutines (workers >= 1).
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
		// Closing jobs is what ends every worker's range loop: the producer is
		// the only sender, so it is the one that closes.
		defer close(jobs)
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
	return count
}
