// Package ring is a fixed-size ring of the last values written (a vendored dependency).
package ring

type Ring struct {
	values []int
	next   int
	full   bool
}

func New(size int) *Ring { return &Ring{values: make([]int, size)} }

func (r *Ring) Add(v int) {
	r.values[r.next] = v
	r.next = (r.next + 1) % len(r.values)
	r.full = r.full || r.next == 0
}

func (r *Ring) Last() []int {
	if !r.full {
		return append([]int(nil), r.values[:r.next]...)
	}
	return append(append([]int(nil), r.values[r.next:]...), r.values[:r.next]...)
}
