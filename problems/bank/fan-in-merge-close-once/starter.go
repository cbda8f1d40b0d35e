package solution

import "context"

// Merge forwards the values of all inputs to one channel, for the order
// aggregator that reads every shard's stream of order IDs.
func Merge(ctx context.Context, inputs ...<-chan int) <-chan int {
	out := make(chan int)
	for _, in := range inputs {
		go func() {
			defer close(out) // done with this input
			for v := range in {
				out <- v
			}
		}()
	}
	return out
}
