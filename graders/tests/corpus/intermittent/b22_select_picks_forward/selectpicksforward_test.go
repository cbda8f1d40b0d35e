package selectpicksforward

import "testing"

func TestTakeTwo(t *testing.T) {
	if got := TakeTwo(); got[0] != 0 || got[1] != 1 {
		t.Fatalf("got %v", got)
	}
}
