package addbeforego

import "testing"

func TestLengths(t *testing.T) {
	got := Lengths([]string{"a", "bb", "ccc"})
	for i, want := range []int{1, 2, 3} {
		if got[i] != want {
			t.Fatalf("got %v", got)
		}
	}
}
