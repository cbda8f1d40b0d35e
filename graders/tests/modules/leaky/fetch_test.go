package leaky

import "testing"

func TestFirst(t *testing.T) {
	if got := First([]int{1, 1, 1}); got != 1 {
		t.Fatalf("First = %d", got)
	}
}
