package solution

import "testing"

func TestCount(t *testing.T) {
	if got := Count(8); got > 8 {
		t.Fatalf("Count(8) = %d", got)
	}
}

func TestAfter(t *testing.T) {}
