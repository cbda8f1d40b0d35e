package buffertoosmall

import "testing"

func TestRunAll(t *testing.T) {
	if err := RunAll(5); err == nil {
		t.Fatal("want worker 2's error")
	}
}
