package solution

import "testing"

func TestStable(t *testing.T) {}

func TestFlaky(t *testing.T) {
	if !Flaky() {
		t.Fatal("flaked")
	}
}
