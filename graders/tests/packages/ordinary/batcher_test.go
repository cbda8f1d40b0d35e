package batcher

import (
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

type collector struct {
	mu    sync.Mutex
	items []string
}

func (c *collector) flush(items []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items = append(c.items, items...)
}

func (c *collector) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

func TestFlushOnSize(t *testing.T) {
	t.Parallel()
	var c collector
	b := New(3, time.Hour, c.flush)
	defer b.Close()
	for _, item := range []string{"a", "b", "c"} {
		b.Add(item)
	}
	if c.count() != 3 {
		t.Fatalf("flushed %d items, want 3", c.count())
	}
}

func TestFlushOnTimer(t *testing.T) {
	t.Parallel()
	var c collector
	b := New(100, 5*time.Millisecond, c.flush)
	defer b.Close()
	b.Add("x")
	deadline := time.After(5 * time.Second)
	for c.count() == 0 {
		select {
		case <-deadline:
			t.Fatal("the timer never flushed")
		case <-time.After(time.Millisecond):
		}
	}
}

func TestConcurrentAdds(t *testing.T) {
	for _, workers := range []int{1, 4, 16} {
		t.Run(strings.Repeat("w", workers), func(t *testing.T) {
			t.Parallel()
			var c collector
			b := New(7, time.Millisecond, c.flush)
			var wg sync.WaitGroup
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < 50; i++ {
						b.Add("item")
					}
				}()
			}
			wg.Wait()
			b.Close()
			if got := c.count(); got != workers*50 {
				t.Fatalf("flushed %d, want %d", got, workers*50)
			}
		})
	}
}

func TestReadsTestdata(t *testing.T) {
	data, err := os.ReadFile("testdata/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	var c collector
	b := New(2, time.Hour, c.flush)
	for _, word := range strings.Fields(string(data)) {
		b.Add(word)
	}
	b.Close()
	if c.count() != 5 {
		t.Fatalf("flushed %d words, want 5", c.count())
	}
}
