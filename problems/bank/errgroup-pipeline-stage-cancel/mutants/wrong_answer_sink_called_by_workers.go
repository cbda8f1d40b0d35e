// mutant: drops the sink stage and lets every parse worker call sink itself, so sink runs concurrently
package solution

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func Run(ctx context.Context, src []string, workers int,
	parse func(ctx context.Context, line string) (int, error),
	sink func(v int) error) error {
	workers = max(workers, 1)
	g, ctx := errgroup.WithContext(ctx)
	lines := make(chan string)
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
	for range workers {
		g.Go(func() error {
			for line := range lines {
				v, err := parse(ctx, line)
				if err != nil {
					return err
				}
				if err := sink(v); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}
