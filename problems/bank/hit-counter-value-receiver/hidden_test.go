package solution

import (
	"fmt"
	"slices"
	"sync"
	"testing"
)

func TestHiddenTopTable(t *testing.T) {
	cases := []struct {
		name string
		hits map[string]int
		n    int
		want []string
	}{
		{"zero n", map[string]int{"/a": 1}, 0, []string{}},
		{"negative n", map[string]int{"/a": 1}, -3, []string{}},
		{"n larger than keys", map[string]int{"/a": 2, "/b": 5}, 10, []string{"/b", "/a"}},
		{"all tied", map[string]int{"/d": 3, "/b": 3, "/a": 3, "/c": 3}, 3, []string{"/a", "/b", "/c"}},
		{"mixed ties", map[string]int{"/x": 1, "/y": 4, "/m": 4, "/k": 2, "/a": 1}, 5, []string{"/m", "/y", "/k", "/a", "/x"}},
		{"many tied keys", testManyTied(40), 5, []string{"/k00", "/k01", "/k02", "/k03", "/k04"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := NewHitCounter()
			total := 0
			for k, n := range tc.hits {
				for i := 0; i < n; i++ {
					c.Add(k)
				}
				total += n
			}
			for round := 0; round < 5; round++ { // map order differs between calls
				if got := c.Top(tc.n); !slices.Equal(got, tc.want) {
					t.Fatalf("Top(%d) = %q, want %q", tc.n, got, tc.want)
				}
			}
			if got := c.Total(); got != total {
				t.Fatalf("Total() = %d, want %d", got, total)
			}
		})
	}
}

func testManyTied(n int) map[string]int {
	m := make(map[string]int, n)
	for i := 0; i < n; i++ {
		m[fmt.Sprintf("/k%02d", i)] = 7
	}
	return m
}

func TestHiddenTopReturnsCopy(t *testing.T) {
	c := NewHitCounter()
	c.Add("/a")
	c.Add("/a")
	c.Add("/b")
	top := c.Top(2)
	top[0] = "/changed"
	if got := c.Top(2); !slices.Equal(got, []string{"/a", "/b"}) {
		t.Fatalf("Top(2) after caller changed its slice = %q, want [/a /b]", got)
	}
}

func TestHiddenConcurrentWriters(t *testing.T) {
	c := NewHitCounter()
	const goroutines, perG, keys = 64, 300, 10
	var wg sync.WaitGroup
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perG; i++ {
				c.Add(fmt.Sprintf("/p%d", (g+i)%keys))
			}
		}()
	}
	wg.Wait()
	if got := c.Total(); got != goroutines*perG {
		t.Fatalf("Total() = %d, want %d", got, goroutines*perG)
	}
	for k := 0; k < keys; k++ {
		key := fmt.Sprintf("/p%d", k)
		if got := c.Count(key); got != goroutines*perG/keys {
			t.Fatalf("Count(%s) = %d, want %d", key, got, goroutines*perG/keys)
		}
	}
}

// Readers run while writers are still adding: the /metrics page is scraped
// while traffic flows.
func TestHiddenReadersDuringWrites(t *testing.T) {
	c := NewHitCounter()
	const writers, perW = 16, 500
	stop := make(chan struct{})
	var readers sync.WaitGroup
	for r := 0; r < 4; r++ {
		readers.Add(1)
		go func() {
			defer readers.Done()
			last := 0
			for {
				select {
				case <-stop:
					return
				default:
				}
				total := c.Total()
				if total < last {
					t.Errorf("Total went backwards: %d after %d", total, last)
					return
				}
				last = total
				_ = c.Count("/w0")
				if top := c.Top(3); len(top) > 3 {
					t.Errorf("Top(3) returned %d keys", len(top))
					return
				}
			}
		}()
	}
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < perW; i++ {
				c.Add(fmt.Sprintf("/w%d", w%4))
			}
		}()
	}
	wg.Wait()
	close(stop)
	readers.Wait()
	if got := c.Total(); got != writers*perW {
		t.Fatalf("Total() = %d, want %d", got, writers*perW)
	}
	if got := c.Top(4); !slices.Equal(got, []string{"/w0", "/w1", "/w2", "/w3"}) {
		t.Fatalf("Top(4) = %q, want [/w0 /w1 /w2 /w3]", got)
	}
}
