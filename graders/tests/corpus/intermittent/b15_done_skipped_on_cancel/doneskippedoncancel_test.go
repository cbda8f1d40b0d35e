package doneskippedoncancel

import (
	"context"
	"testing"
	"time"
)

func TestSquares(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	count := 0
	for range Squares(ctx, 8) {
		count++
		if count == 2 {
			break
		}
	}
	if count == 0 {
		t.Log("nothing in time")
	}
}
