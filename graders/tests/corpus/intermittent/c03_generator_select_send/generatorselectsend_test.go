package generatorselectsend

import "testing"

func TestFirstN(t *testing.T) {
	if got := FirstN(5); len(got) != 5 || got[4] != 4 {
		t.Fatalf("got %v", got)
	}
}
