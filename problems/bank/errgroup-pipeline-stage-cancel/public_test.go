package solution

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
)

func testLines(n int) []string {
	s := make([]string, n)
	for i := range s {
		s[i] = strconv.Itoa(i + 1)
	}
	return s
}

func testAtoi(_ context.Context, line string) (int, error) { return strconv.Atoi(line) }

func TestExampleSumAll(t *testing.T) {
	var sum, calls atomic.Int64
	err := Run(context.Background(), testLines(100), 4, testAtoi, func(v int) error {
		sum.Add(int64(v))
		calls.Add(1)
		return nil
	})
	if err != nil {
		t.Fatalf("Run = %v; want nil", err)
	}
	if sum.Load() != 5050 || calls.Load() != 100 {
		t.Fatalf("sink saw %d values summing to %d; want 100 values summing to 5050", calls.Load(), sum.Load())
	}
}

func TestExampleParseError(t *testing.T) {
	src := append(testLines(10), "eleven")
	err := Run(context.Background(), src, 3, testAtoi, func(int) error { return nil })
	var numErr *strconv.NumError
	if !errors.As(err, &numErr) {
		t.Fatalf("Run = %v; want the *strconv.NumError from parse", err)
	}
}
