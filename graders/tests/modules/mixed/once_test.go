package mixed_test

import (
	"testing"

	"example.com/mixed"
)

func TestValue(t *testing.T) {
	if got := mixed.NewLazy(func() int { return 42 }).Get(); got != 42 {
		t.Fatalf("Get = %d", got)
	}
}
