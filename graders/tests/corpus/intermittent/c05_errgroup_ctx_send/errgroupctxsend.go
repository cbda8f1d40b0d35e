package errgroupctxsend

import (
	"context"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func check(id int) (string, error) {
	if id == 3 {
		return "", fmt.Errorf("item %d is broken", id)
	}
	return fmt.Sprintf("item %d ok", id), nil
}

func CheckAll(ids []int) ([]string, error) {
	g, ctx := errgroup.WithContext(context.Background())
	results := make(chan string)
	for _, id := range ids {
		g.Go(func() error {
			line, err := check(id)
			if err != nil {
				return err
			}
			select {
			case results <- line:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}
	go func() { _ = g.Wait(); close(results) }()
	var lines []string
	for line := range results {
		lines = append(lines, line)
	}
	return lines, g.Wait()
}
