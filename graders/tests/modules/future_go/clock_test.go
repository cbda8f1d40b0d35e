package clock

import "testing"

func TestAfter(t *testing.T) {
	if !After(0) {
		t.Fatal("After returned false")
	}
}
