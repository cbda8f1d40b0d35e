// mutant: uses errgroup, but the parse workers send with a plain values <- v; once the sink stage has failed nobody reads values and g.Wait waits forever
package solution

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// Run feeds every line of src through parse (on workers goroutines) and hands
// each parsed value to sink (from a single goroutine). It stops at the first
// error and returns it, and it returns only when every goroutine it started
// has exited.
func Run(ctx context.Context, src []string, workers int,
	parse func(ctx context.Context, line string) (int, error),
	sink func(v int) error) error {
	workers = max(workers, 1)
	// The first goroutine to return an error cancels ctx for all the others;
	// Wait returns that first error once everyone is back.
	g, ctx := errgroup.WithContext(ctx)
	lines := make(chan string)
	values := make(chan int)

	// Stage 1: emit. Every send also watches ctx, so a stopped pipeline never
	// leaves a stage blocked on a channel nobody reads any more.
	g.Go(func() error {
		defer close(lines)
		for _, line := range src {
			select {
			case lines <- line:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})

	// Stage 2: parse, fanned out. The last worker out closes values.
	var parsers sync.WaitGroup
	parsers.Add(workers)
	for range workers {
		g.Go(func() error {
			defer parsers.Done()
			for line := range lines {
				v, err := parse(ctx, line)
				if err != nil {
					return err
				}
				values <- v
			}
			return nil
		})
	}
	g.Go(func() error {
		parsers.Wait()
		close(values)
		return nil
	})

	// Stage 3: sink, one goroutine, so sink is never called concurrently.
	g.Go(func() error {
		for v := range values {
			if err := sink(v); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}
