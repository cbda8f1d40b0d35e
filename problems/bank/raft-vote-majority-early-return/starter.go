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
	// TODO
	return false, nil
}
