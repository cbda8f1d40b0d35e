package timervssend

import (
	"testing"
	"time"
)

func TestSquareWithin(t *testing.T) {
	for n := 0; n < 3; n++ {
		v, err := SquareWithin(n*3, 50*time.Millisecond)
		if err != nil || v != n*n*9 {
			t.Fatalf("SquareWithin(%d) = %d, %v", n*3, v, err)
		}
	}
}

func TestSquareTight(t *testing.T) {
	if v, err := SquareWithin(4, 2*time.Millisecond); err == nil && v != 16 {
		t.Fatalf("got %d", v)
	}
}
