// mutant: bare goroutines and a sink loop in the caller that returns as soon as sink fails; parse workers parked on values <- v are never released
package solution

import (
	"context"
	"sync"
)

func Run(ctx context.Context, src []string, workers int,
	parse func(ctx context.Context, line string) (int, error),
	sink func(v int) error) error {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	lines := make(chan string)
	values := make(chan int)
	errc := make(chan error, 1)

	go func() {
		defer close(lines)
		for _, line := range src {
			select {
			case lines <- line:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for line := range lines {
				v, err := parse(ctx, line)
				if err != nil {
					select {
					case errc <- err:
					default:
					}
					cancel()
					return
				}
				values <- v
			}
		}()
	}
	go func() {
		wg.Wait()
		close(values)
	}()

	for v := range values {
		if err := sink(v); err != nil {
			return err // cancel() runs on the way out and stops the rest
		}
	}
	select {
	case err := <-errc:
		return err
	default:
	}
	return ctx.Err()
}
