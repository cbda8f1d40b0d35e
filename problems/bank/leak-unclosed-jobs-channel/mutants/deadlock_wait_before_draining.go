// mutant: closes jobs and adds a WaitGroup to close results, but waits for the workers before anyone reads results
package solution

import "sync"

func CountMatches(lines []string, workers int, match func(string) bool) int {
	jobs := make(chan string)
	results := make(chan bool)
	var wg sync.WaitGroup

	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
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

	wg.Wait()
	close(results)

	count := 0
	for ok := range results {
		if ok {
			count++
		}
	}
	return count
}
