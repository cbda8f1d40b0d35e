package solution

import "testing"

func TestAttack(t *testing.T) {
	if got := Attack(); got != 42 {
		t.Fatalf("Attack() = %d, want 42", got)
	}
}
