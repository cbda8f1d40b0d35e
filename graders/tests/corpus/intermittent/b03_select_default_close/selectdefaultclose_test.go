package selectdefaultclose

import "testing"

func TestFirstN(t *testing.T) {
	got := FirstN(5)
	if len(got) != 5 || got[4] != 4 {
		t.Fatalf("got %v", got)
	}
}
