package publishunderlock

import "sync"

type Hub struct {
	mu   sync.Mutex
	subs map[int]chan string
	next int
}

func NewHub() *Hub { return &Hub{subs: map[int]chan string{}} }

func (h *Hub) Subscribe() (int, <-chan string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next++
	ch := make(chan string)
	h.subs[h.next] = ch
	return h.next, ch
}

func (h *Hub) Unsubscribe(id int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, id)
}

func (h *Hub) Publish(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, ch := range h.subs {
		ch <- msg
	}
}
