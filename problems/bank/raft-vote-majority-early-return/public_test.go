package solution

import (
	"context"
	"testing"
	"time"
)

func TestRequestVotesExample(t *testing.T) {
	grant := func(ctx context.Context, term int) (bool, error) { return true, nil }
	deny := func(ctx context.Context, term int) (bool, error) { return false, nil }

	won, err := RequestVotes(context.Background(), 3, []Peer{grant, grant}, time.Second)
	if !won || err != nil {
		t.Fatalf("2 of 2 peers grant: got (%v, %v), want (true, nil)", won, err)
	}
	won, err = RequestVotes(context.Background(), 4, []Peer{deny, deny, grant, deny}, time.Second)
	if won || err != nil {
		t.Fatalf("3 of 4 peers deny: got (%v, %v), want (false, nil)", won, err)
	}
}
