package solution

import (
	"context"
	"errors"
	"testing"
)

func TestScopeExample(t *testing.T) {
	s := NewScope(context.Background())
	started := make(chan struct{}, 2)
	for _, name := range []string{"refresher", "refresher"} {
		err := s.Go(name, func(ctx context.Context) error {
			started <- struct{}{}
			<-ctx.Done() // long-running: stops when the scope closes
			return ctx.Err()
		})
		if err != nil {
			t.Fatalf("Go: %v", err)
		}
	}
	if got := s.Running()["refresher"]; got != 2 {
		t.Fatalf("Running()[refresher] = %d, want 2", got)
	}
	<-started
	<-started
	if err := s.Close(context.Background()); err != nil {
		t.Fatalf("Close = %v, want nil", err)
	}
	if got := len(s.Running()); got != 0 {
		t.Fatalf("after Close, Running() = %v, want empty", s.Running())
	}
	if err := s.Go("late", func(context.Context) error { return nil }); !errors.Is(err, ErrScopeClosed) {
		t.Fatalf("Go after Close = %v, want ErrScopeClosed", err)
	}
}

func TestScopePanicIsRecovered(t *testing.T) {
	s := NewScope(context.Background())
	s.Go("parser", func(context.Context) error { panic("bad input") })
	err := s.Close(context.Background())
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Name != "parser" || pe.Value != "bad input" {
		t.Fatalf("Close = %v, want a *PanicError for parser", err)
	}
}
