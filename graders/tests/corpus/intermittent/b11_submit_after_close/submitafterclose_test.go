package submitafterclose

import (
	"sync/atomic"
	"testing"
)

func TestPool(t *testing.T) {
	p := NewPool(2)
	var n atomic.Int32
	for i := 0; i < 10; i++ {
		p.Submit(func() { n.Add(1) })
	}
	p.Close()
	if n.Load() != 10 {
		t.Fatalf("ran %d jobs", n.Load())
	}
}

func TestSubmitWhileClosing(t *testing.T) {
	p := NewPool(1)
	go p.Submit(func() {})
	p.Close()
}
