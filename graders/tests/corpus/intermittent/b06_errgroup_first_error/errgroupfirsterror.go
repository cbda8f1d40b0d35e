package errgroupfirsterror

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func check(ctx context.Context, id int) (string, error) {
	if id == 3 {
		return "", fmt.Errorf("item %d is broken", id)
	}
	return fmt.Sprintf("item %d ok", id), nil
}

// CheckAll checks every item and returns the first error.
func CheckAll(ids []int) ([]string, error) {
	g, ctx := errgroup.WithContext(context.Background())
	results := make(chan string)
	for _, id := range ids {
		g.Go(func() error {
			line, err := check(ctx, id)
			if err != nil {
				return err
			}
			results <- line
			return nil
		})
	}
	var lines []string
	go func() { _ = g.Wait(); close(results) }()
	for line := range results {
		lines = append(lines, line)
		if ctx.Err() != nil {
			return lines, context.Cause(ctx)
		}
	}
	return lines, g.Wait()
}
