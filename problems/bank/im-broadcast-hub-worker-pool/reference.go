package solution

import (
	"sync"
	"sync/atomic"
)

// Deliver pushes one message to one connected user. It may be slow (a slow client)
// and may fail.
type Deliver func(userID int64, msg []byte) error

// Stats counts what happened to every message the hub was asked to send.
type Stats struct {
	Delivered int64 // deliver returned nil
	Failed    int64 // deliver returned an error
	Dropped   int64 // never queued: the queue was full, or the hub was closed
}

type task struct {
	user int64
	msg  []byte
}

type Hub struct {
	deliver Deliver
	queue   chan task
	workers sync.WaitGroup

	// mu guards closed and every send on queue: Broadcast sends under RLock, so
	// Close (under Lock) can never close the channel in the middle of a send.
	mu     sync.RWMutex
	closed bool

	gmu    sync.RWMutex
	groups map[string]map[int64]struct{}

	delivered, failed, dropped atomic.Int64
}

// NewHub starts a hub with a fixed number of workers and room for queueSize
// messages waiting for a worker.
func NewHub(workers, queueSize int, deliver Deliver) *Hub {
	h := &Hub{
		deliver: deliver,
		queue:   make(chan task, queueSize),
		groups:  make(map[string]map[int64]struct{}),
	}
	for range workers {
		h.workers.Go(h.work)
	}
	return h
}

func (h *Hub) work() {
	// Ends when Close has closed the queue and everything in it was delivered.
	for t := range h.queue {
		if err := h.deliver(t.user, t.msg); err != nil {
			h.failed.Add(1)
		} else {
			h.delivered.Add(1)
		}
	}
}

// Join adds userID to group. Joining twice is the same as joining once.
func (h *Hub) Join(group string, userID int64) {
	h.gmu.Lock()
	defer h.gmu.Unlock()
	members := h.groups[group]
	if members == nil {
		members = make(map[int64]struct{})
		h.groups[group] = members
	}
	members[userID] = struct{}{}
}

// Leave removes userID from group, if present.
func (h *Hub) Leave(group string, userID int64) {
	h.gmu.Lock()
	defer h.gmu.Unlock()
	if members := h.groups[group]; members != nil {
		delete(members, userID)
		if len(members) == 0 {
			delete(h.groups, group)
		}
	}
}

func (h *Hub) members(group string) []int64 {
	h.gmu.RLock()
	defer h.gmu.RUnlock()
	users := make([]int64, 0, len(h.groups[group]))
	for u := range h.groups[group] {
		users = append(users, u)
	}
	return users
}

// Broadcast queues msg for every current member of group without blocking, and
// reports how many deliveries were queued and how many were dropped.
func (h *Hub) Broadcast(group string, msg []byte) (queued, dropped int) {
	users := h.members(group) // snapshot: no group lock held while queueing
	h.mu.RLock()
	defer h.mu.RUnlock()
	if h.closed {
		h.dropped.Add(int64(len(users)))
		return 0, len(users)
	}
	for _, u := range users {
		select {
		case h.queue <- task{user: u, msg: msg}:
			queued++
		default: // full: shed load instead of blocking the caller
			dropped++
		}
	}
	h.dropped.Add(int64(dropped))
	return queued, dropped
}

// Close stops accepting messages, delivers everything already queued, and returns
// when all workers have exited. It is safe to call more than once.
func (h *Hub) Close() {
	h.mu.Lock()
	if !h.closed {
		h.closed = true
		close(h.queue)
	}
	h.mu.Unlock()
	h.workers.Wait()
}

// Stats returns the counters so far.
func (h *Hub) Stats() Stats {
	return Stats{
		Delivered: h.delivered.Load(),
		Failed:    h.failed.Load(),
		Dropped:   h.dropped.Load(),
	}
}
