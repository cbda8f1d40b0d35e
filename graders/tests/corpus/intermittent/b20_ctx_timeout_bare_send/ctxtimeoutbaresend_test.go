package ctxtimeoutbaresend

import (
	"context"
	"testing"
	"time"
)

func TestLookup(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Millisecond)
	defer cancel()
	got, err := Lookup(ctx, "gopher")
	if err == nil && got != "GOPHER" {
		t.Fatalf("got %q", got)
	}
}
