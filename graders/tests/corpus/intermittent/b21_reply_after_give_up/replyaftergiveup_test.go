package replyaftergiveup

import (
	"testing"
	"time"
)

func TestAsk(t *testing.T) {
	s := NewServer()
	for k := 0; k < 3; k++ {
		if v := s.Ask(k, 50*time.Millisecond); v != k*2 {
			t.Fatalf("Ask(%d) = %d", k, v)
		}
	}
}

func TestAskImpatient(t *testing.T) {
	s := NewServer()
	_ = s.Ask(2, 400*time.Microsecond)
}
