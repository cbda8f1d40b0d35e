package solution

import "context"

// Run feeds every line of src through parse (on workers goroutines) and hands
// each parsed value to sink (from a single goroutine). It stops at the first
// error. See the statement for the full contract.
func Run(ctx context.Context, src []string, workers int,
	parse func(ctx context.Context, line string) (int, error),
	sink func(v int) error) error {
	// TODO: three stages (emit, parse x workers, sink) that all stop together.
	return nil
}
