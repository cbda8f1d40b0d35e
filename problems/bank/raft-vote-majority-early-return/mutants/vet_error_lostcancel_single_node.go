// mutant: returns early for a single-node cluster before `defer cancel()` is registered, so that path drops the cancel function
package solution

import (
	"context"
	"sync"
	"time"
)

// Peer asks one node for its vote in the given term. It honours ctx: once ctx
// is done it returns promptly with an error.
type Peer func(ctx context.Context, term int) (granted bool, err error)

// RequestVotes runs one election round. See the statement for the contract.
func RequestVotes(ctx context.Context, term int, peers []Peer, timeout time.Duration) (won bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	size := len(peers) + 1
	majority := size/2 + 1
	granted, denied := 1, 0 // we vote for ourselves
	if granted >= majority {
		return true, nil // nobody to ask
	}
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()

	// One slot per peer: a late answer never blocks, whoever is listening.
	votes := make(chan bool, len(peers))
	for _, peer := range peers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := peer(ctx, term)
			votes <- ok && err == nil
		}()
	}

	for {
		select {
		case ok := <-votes:
			if ok {
				granted++
			} else {
				denied++
			}
			switch {
			case granted >= majority:
				return true, nil
			case size-denied < majority: // even every missing vote could not win
				return false, nil
			}
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
}
