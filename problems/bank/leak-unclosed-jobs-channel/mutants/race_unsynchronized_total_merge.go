// mutant: each worker keeps a local count and adds it to a shared total at the end without any synchronisation
package solution

import "sync"

func CountMatches(lines []string, workers int, match func(string) bool) int {
	jobs := make(chan string)
	var wg sync.WaitGroup
	total := 0

	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			local := 0
			for line := range jobs {
				if match(line) {
					local++
				}
			}
			total += local
		}()
	}

	for _, line := range lines {
		jobs <- line
	}
	close(jobs)
	wg.Wait()
	return total
}
