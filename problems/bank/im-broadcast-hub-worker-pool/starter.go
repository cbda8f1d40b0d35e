package solution

// Deliver pushes one message to one connected user. It may be slow (a slow client)
// and may fail.
type Deliver func(userID int64, msg []byte) error

// Stats counts what happened to every message the hub was asked to send.
type Stats struct {
	Delivered int64 // deliver returned nil
	Failed    int64 // deliver returned an error
	Dropped   int64 // never queued: the queue was full, or the hub was closed
}

type Hub struct {
	// TODO
}

// NewHub starts a hub with a fixed number of workers and room for queueSize
// messages waiting for a worker.
func NewHub(workers, queueSize int, deliver Deliver) *Hub {
	panic("TODO")
}

// Join adds userID to group. Joining twice is the same as joining once.
func (h *Hub) Join(group string, userID int64) {
	panic("TODO")
}

// Leave removes userID from group, if present.
func (h *Hub) Leave(group string, userID int64) {
	panic("TODO")
}

// Broadcast queues msg for every current member of group without blocking, and
// reports how many deliveries were queued and how many were dropped.
func (h *Hub) Broadcast(group string, msg []byte) (queued, dropped int) {
	panic("TODO")
}

// Close stops accepting messages, delivers everything already queued, and returns
// when all workers have exited. It is safe to call more than once.
func (h *Hub) Close() {
	panic("TODO")
}

// Stats returns the counters so far.
func (h *Hub) Stats() Stats {
	panic("TODO")
}
