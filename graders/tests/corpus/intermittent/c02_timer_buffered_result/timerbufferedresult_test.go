package timerbufferedresult

import (
	"testing"
	"time"
)

func TestSquareTight(t *testing.T) {
	if v, err := SquareWithin(4, 2*time.Millisecond); err == nil && v != 16 {
		t.Fatalf("got %d", v)
	}
}
