package solution

import (
	"slices"
	"sync"
	"testing"
)

func TestPublicTable(t *testing.T) {
	cases := []struct {
		name  string
		adds  []string
		key   string
		count int
		total int
		top2  []string
	}{
		{"empty", nil, "/", 0, 0, []string{}},
		{"one key", []string{"/a", "/a"}, "/a", 2, 2, []string{"/a"}},
		{"tie sorted by key", []string{"/b", "/a", "/c", "/c"}, "/b", 1, 4, []string{"/c", "/a"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := NewHitCounter()
			for _, k := range tc.adds {
				c.Add(k)
			}
			if got := c.Count(tc.key); got != tc.count {
				t.Errorf("Count(%q) = %d, want %d", tc.key, got, tc.count)
			}
			if got := c.Total(); got != tc.total {
				t.Errorf("Total() = %d, want %d", got, tc.total)
			}
			if got := c.Top(2); !slices.Equal(got, tc.top2) {
				t.Errorf("Top(2) = %q, want %q", got, tc.top2)
			}
		})
	}
}

func TestPublicConcurrentAdd(t *testing.T) {
	c := NewHitCounter()
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				c.Add("/home")
			}
		}()
	}
	wg.Wait()
	if got := c.Count("/home"); got != 8000 {
		t.Fatalf("Count(/home) = %d, want 8000", got)
	}
	if got := c.Total(); got != 8000 {
		t.Fatalf("Total() = %d, want 8000", got)
	}
}
