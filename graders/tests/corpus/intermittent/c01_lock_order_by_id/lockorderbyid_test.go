package lockorderbyid

import (
	"sync"
	"testing"
)

func TestConcurrentTransfers(t *testing.T) {
	a, b := NewAccount(1, 100), NewAccount(2, 100)
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); Transfer(a, b, 10) }()
	go func() { defer wg.Done(); Transfer(b, a, 20) }()
	wg.Wait()
	if a.Balance() != 110 || b.Balance() != 90 {
		t.Fatalf("balances %d %d", a.Balance(), b.Balance())
	}
}

func TestFireAndForget(t *testing.T) {
	a, b := NewAccount(1, 100), NewAccount(2, 100)
	go Transfer(a, b, 10)
	go Transfer(b, a, 20)
}
