package cancelaftersend

import "testing"

func TestFindFirst(t *testing.T) {
	if got := FindFirst(100, 7); got != 7 {
		t.Fatalf("got %d", got)
	}
}
