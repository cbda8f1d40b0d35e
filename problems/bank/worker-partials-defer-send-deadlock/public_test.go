package solution

import (
	"maps"
	"strings"
	"testing"
	"time"
)

func testCountFields(doc string) map[string]int {
	m := make(map[string]int)
	for _, w := range strings.Fields(doc) {
		m[w]++
	}
	return m
}

func testWordFreqWithin(t *testing.T, d time.Duration, docs []string, workers int) map[string]int {
	t.Helper()
	res := make(chan map[string]int, 1)
	go func() { res <- WordFreq(docs, workers, testCountFields) }()
	select {
	case m := <-res:
		return m
	case <-time.After(d):
		t.Fatalf("WordFreq(%d docs, %d workers) did not return within %v", len(docs), workers, d)
		return nil
	}
}

func TestExampleSmall(t *testing.T) {
	docs := []string{"go go gopher", "chan select go", "gopher chan"}
	got := testWordFreqWithin(t, 5*time.Second, docs, 2)
	want := map[string]int{"go": 3, "gopher": 2, "chan": 2, "select": 1}
	if !maps.Equal(got, want) {
		t.Fatalf("WordFreq = %v; want %v", got, want)
	}
}

func TestExampleEmpty(t *testing.T) {
	got := testWordFreqWithin(t, 5*time.Second, nil, 3)
	if got == nil || len(got) != 0 {
		t.Fatalf("WordFreq(nil) = %#v; want an empty, non-nil map", got)
	}
}
