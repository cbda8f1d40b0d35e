package solution

import (
	"context"
	"testing"
)

func TestSmall(t *testing.T) {
	got, err := Sum(context.Background(), []int{1, 2, 3, 4}, 2)
	if err != nil || got != 10 {
		t.Fatalf("Sum = %d, %v; want 10, nil", got, err)
	}
}
