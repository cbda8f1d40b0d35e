package solution

import "sync/atomic"

// Spin busy-loops until stop is set; nothing in it ever blocks.
func Spin(stop *atomic.Bool, n *atomic.Int64) {
	for !stop.Load() {
		n.Add(1)
	}
}
