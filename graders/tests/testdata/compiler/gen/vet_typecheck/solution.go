package solution

import "sync"

func Wait(wg sync.WaitGroup) {
	wg.Wait()
	return undefinedName
}
