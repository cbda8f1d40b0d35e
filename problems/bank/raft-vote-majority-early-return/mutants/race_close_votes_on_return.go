// mutant: closes the votes channel on return to release the goroutines, so a late answer is a send on a closed channel; the race detector reports the close racing the send, and the panic is its consequence
package solution

import (
	"context"
	"time"
)

// Peer asks one node for its vote in the given term. It honours ctx: once ctx
// is done it returns promptly with an error.
type Peer func(ctx context.Context, term int) (granted bool, err error)

// RequestVotes runs one election round. See the statement for the contract.
func RequestVotes(ctx context.Context, term int, peers []Peer, timeout time.Duration) (won bool, err error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	size := len(peers) + 1
	majority := size/2 + 1
	granted, denied := 1, 0 // we vote for ourselves
	if granted >= majority {
		return true, nil
	}

	// One slot per peer: a late answer never blocks, whoever is listening.
	votes := make(chan bool)
	defer close(votes) // wake up anyone still trying to answer
	for _, peer := range peers {
		go func() {
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
