package overflowreset

import "sync"

type Window struct {
	mu    sync.Mutex
	count int
	limit int
	resets int
}

func (w *Window) Hit() {
	w.mu.Lock()
	w.count++
	full := w.count >= w.limit
	w.mu.Unlock()
	if full {
		w.count = 0
		w.resets++
	}
}

func (w *Window) Resets() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.resets
}
