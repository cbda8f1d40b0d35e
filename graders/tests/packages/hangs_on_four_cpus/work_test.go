package work

import "testing"

func TestWork(t *testing.T) {
	if Work() != 1 {
		t.Fatal("Work() != 1")
	}
}
