package lockorderbyid

import "sync"

type Account struct {
	id      int
	mu      sync.Mutex
	balance int
}

func NewAccount(id, balance int) *Account { return &Account{id: id, balance: balance} }

func Transfer(a, b *Account, amount int) {
	first, second := a, b
	if b.id < a.id {
		first, second = b, a
	}
	first.mu.Lock()
	defer first.mu.Unlock()
	second.mu.Lock()
	defer second.mu.Unlock()
	a.balance -= amount
	b.balance += amount
}

func (a *Account) Balance() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.balance
}
