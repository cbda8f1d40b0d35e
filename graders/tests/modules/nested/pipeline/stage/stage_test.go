package stage

import "testing"

func TestSquares(t *testing.T) {
	if got := Squares([]int{1, 2, 3, 4}); got != 30 {
		t.Fatalf("Squares = %d, want 30", got)
	}
}
