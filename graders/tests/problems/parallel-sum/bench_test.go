package solution

import (
	"context"
	"testing"
)

func BenchmarkSum(b *testing.B) {
	nums, _ := testNumbers(20000)
	for b.Loop() {
		_, _ = Sum(context.Background(), nums, 4)
	}
}
