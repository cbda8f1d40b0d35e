package solution

import (
	"fmt"
	"maps"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testCorpus builds n docs; doc i holds "w<i%k>" i%5+1 times and "all" once.
func testCorpus(n, k int) ([]string, map[string]int) {
	docs := make([]string, n)
	want := map[string]int{}
	for i := range docs {
		w := fmt.Sprintf("w%d", i%k)
		doc := "all"
		for j := 0; j <= i%5; j++ {
			doc += " " + w
		}
		docs[i] = doc
		want[w] += i%5 + 1
		want["all"]++
	}
	return docs, want
}

func TestHiddenManyDocsManyWorkers(t *testing.T) {
	for _, workers := range []int{1, 2, 7, 32} {
		docs, want := testCorpus(3000, 97)
		got := WordFreq(docs, workers, testCountFields) // no rescue: a deadlock here hangs the run
		if !maps.Equal(got, want) {
			t.Fatalf("workers=%d: wrong totals (%d distinct words, want %d; all=%d, want %d)",
				workers, len(got), len(want), got["all"], want["all"])
		}
	}
}

// Every worker finishes at the same moment: all partials must still arrive.
func TestHiddenWorkersFinishTogether(t *testing.T) {
	for round := 0; round < 10; round++ {
		docs, want := testCorpus(64, 8)
		got := testWordFreqWithin(t, 10*time.Second, docs, 16)
		if !maps.Equal(got, want) {
			t.Fatalf("round %d: all=%d, want %d: a worker's partial counts were lost", round, got["all"], want["all"])
		}
	}
}

func TestHiddenEachDocCountedOnceWithinLimit(t *testing.T) {
	docs, _ := testCorpus(400, 10)
	calls := make([]atomic.Int32, len(docs))
	index := map[string]int{}
	for i := range docs {
		docs[i] = fmt.Sprintf("doc%d %s", i, docs[i])
		index[docs[i]] = i
	}
	var inFlight, peak atomic.Int32
	count := func(doc string) map[string]int {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		calls[index[doc]].Add(1)
		time.Sleep(50 * time.Microsecond)
		return testCountFields(doc)
	}
	res := make(chan map[string]int, 1)
	go func() { res <- WordFreq(docs, 4, count) }()
	select {
	case <-res:
	case <-time.After(10 * time.Second):
		t.Fatal("WordFreq did not return within 10s")
	}
	for i := range calls {
		if c := calls[i].Load(); c != 1 {
			t.Fatalf("doc %d counted %d times; want exactly once", i, c)
		}
	}
	if p := peak.Load(); p > 4 {
		t.Fatalf("%d count calls ran at once with workers=4", p)
	}
}

// With several workers the docs must really be processed in parallel.
func TestHiddenUsesParallelWorkers(t *testing.T) {
	docs := make([]string, 8)
	for i := range docs {
		docs[i] = fmt.Sprint("d", i)
	}
	var inFlight atomic.Int32
	both := make(chan struct{})
	var once sync.Once
	count := func(doc string) map[string]int {
		if inFlight.Add(1) >= 2 {
			once.Do(func() { close(both) })
		}
		defer inFlight.Add(-1)
		select {
		case <-both:
		case <-time.After(2 * time.Second):
		}
		return map[string]int{doc: 1}
	}
	start := time.Now()
	res := make(chan map[string]int, 1)
	go func() { res <- WordFreq(docs, 4, count) }()
	select {
	case got := <-res:
		if len(got) != 8 {
			t.Fatalf("got %d words; want 8", len(got))
		}
	case <-time.After(20 * time.Second):
		t.Fatal("WordFreq did not return within 20s")
	}
	if time.Since(start) >= 2*time.Second {
		t.Fatal("no two count calls ever overlapped with workers=4")
	}
}

func TestHiddenZeroOrNegativeWorkers(t *testing.T) {
	docs, want := testCorpus(50, 5)
	for _, w := range []int{0, -3} {
		if got := testWordFreqWithin(t, 5*time.Second, docs, w); !maps.Equal(got, want) {
			t.Fatalf("workers=%d: wrong totals; treat it as 1 worker", w)
		}
	}
}

func TestHiddenEmptyInputs(t *testing.T) {
	for _, w := range []int{1, 8} {
		if got := WordFreq([]string{}, w, testCountFields); got == nil || len(got) != 0 {
			t.Fatalf("workers=%d: WordFreq(empty) = %#v; want an empty, non-nil map", w, got)
		}
	}
}

func TestHiddenConcurrentCalls(t *testing.T) {
	var wg sync.WaitGroup
	var bad atomic.Int32
	for c := 0; c < 12; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			docs, want := testCorpus(200+c*10, 3+c)
			if got := WordFreq(docs, 1+c%5, testCountFields); !maps.Equal(got, want) {
				bad.Add(1)
			}
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("12 concurrent WordFreq calls did not finish within 10s")
	}
	if n := bad.Load(); n != 0 {
		t.Fatalf("%d concurrent calls returned wrong totals", n)
	}
}
