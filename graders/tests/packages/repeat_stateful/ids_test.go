package ids

import "testing"

func TestFirstIDIsOne(t *testing.T) {
	if got := Next(); got != 1 {
		t.Fatalf("first id %d, want 1", got)
	}
}
