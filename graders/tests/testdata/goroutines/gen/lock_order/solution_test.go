package solution

import (
	"sync"
	"testing"
)

func TestTransfers(t *testing.T) {
	a, b := &Account{bal: 1000}, &Account{bal: 1000}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for k := 0; k < 100000; k++ {
				Transfer(a, b, 1)
			}
		}()
		go func() {
			defer wg.Done()
			for k := 0; k < 100000; k++ {
				Transfer(b, a, 1)
			}
		}()
	}
	wg.Wait()
}
