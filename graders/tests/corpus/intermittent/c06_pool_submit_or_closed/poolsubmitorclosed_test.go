package poolsubmitorclosed

import "testing"

func TestSubmitWhileClosing(t *testing.T) {
	p := NewPool(1)
	go func() { _ = p.Submit(func() {}) }()
	p.Close()
}
