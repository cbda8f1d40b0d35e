package solution

import (
	"errors"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestPublicCloseFlushesLastBatch(t *testing.T) {
	var mu sync.Mutex
	var got [][]string
	r := NewRecorder(func(b []string) {
		mu.Lock()
		got = append(got, b)
		mu.Unlock()
	}, 2, time.Hour)
	for _, e := range []string{"login", "view", "logout"} {
		if err := r.Record(e); err != nil {
			t.Fatalf("Record(%q) = %v", e, err)
		}
	}
	r.Close()

	mu.Lock()
	defer mu.Unlock()
	want := [][]string{{"login", "view"}, {"logout"}}
	if !slices.EqualFunc(got, want, slices.Equal[[]string]) {
		t.Fatalf("batches = %q, want %q", got, want)
	}
}

func TestPublicRecordAfterClose(t *testing.T) {
	r := NewRecorder(func([]string) {}, 10, time.Hour)
	r.Close()
	if err := r.Record("late"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Record after Close = %v, want ErrClosed", err)
	}
}
