package loopvar

import "testing"

func TestSum(t *testing.T) {
	xs := make([]int, 100)
	for i := range xs {
		xs[i] = i
	}
	if got := Sum(xs); got != 4950 {
		t.Fatalf("Sum = %d, want 4950", got)
	}
}
