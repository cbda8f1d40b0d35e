package cancelaftersend

import "context"

func produce(ctx context.Context, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			if ctx.Err() != nil {
				return
			}
			out <- i
		}
	}()
	return out
}

// FindFirst returns the first produced value divisible by k.
func FindFirst(n, k int) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for v := range produce(ctx, n) {
		if v > 0 && v%k == 0 {
			return v
		}
	}
	return -1
}
