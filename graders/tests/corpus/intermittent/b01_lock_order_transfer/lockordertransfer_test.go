package lockordertransfer

import "testing"

func TestTransfer(t *testing.T) {
	a, b := NewAccount(100), NewAccount(100)
	Transfer(a, b, 30)
	if a.Balance() != 70 || b.Balance() != 130 {
		t.Fatalf("balances %d %d", a.Balance(), b.Balance())
	}
}

func TestConcurrentTransfers(t *testing.T) {
	a, b := NewAccount(100), NewAccount(100)
	go Transfer(a, b, 10)
	go Transfer(b, a, 20)
}
