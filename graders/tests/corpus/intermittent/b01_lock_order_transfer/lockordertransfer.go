package lockordertransfer

import "sync"

type Account struct {
	mu      sync.Mutex
	balance int
	history []int
}

func NewAccount(balance int) *Account { return &Account{balance: balance} }

// Transfer moves amount from a to b.
func Transfer(a, b *Account, amount int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance -= amount
	a.history = append(a.history, -amount)
	b.mu.Lock()
	defer b.mu.Unlock()
	b.balance += amount
	b.history = append(b.history, amount)
}

func (a *Account) Balance() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}
