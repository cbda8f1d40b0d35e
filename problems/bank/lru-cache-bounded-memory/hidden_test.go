package solution

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"sync"
	"testing"
)

func TestHiddenUpdateRefreshesRecency(t *testing.T) {
	c := NewLRU(3)
	c.Put("a", []byte("1"))
	c.Put("b", []byte("2"))
	c.Put("c", []byte("3"))
	c.Put("a", []byte("1bis")) // update: a becomes most recent
	c.Put("d", []byte("4"))    // evicts b
	if _, ok := c.Get("b"); ok {
		t.Fatal("b should have been evicted: a was refreshed by Put")
	}
	if v, ok := c.Get("a"); !ok || string(v) != "1bis" {
		t.Fatalf("Get(a) = %q, %v; want 1bis, true", v, ok)
	}
	if n := c.Len(); n != 3 {
		t.Fatalf("Len() = %d, want 3", n)
	}
}

func TestHiddenGetRefreshesRecency(t *testing.T) {
	c := NewLRU(3)
	for _, k := range []string{"a", "b", "c"} {
		c.Put(k, []byte(k))
	}
	c.Get("a")
	c.Get("b")
	c.Put("d", []byte("d")) // c is least recent
	if _, ok := c.Get("c"); ok {
		t.Fatal("c should have been evicted")
	}
	c.Put("e", []byte("e")) // a is least recent now: a miss does not reorder anything
	if _, ok := c.Get("a"); ok {
		t.Fatal("a should have been evicted")
	}
	for _, k := range []string{"b", "d", "e"} {
		if v, ok := c.Get(k); !ok || string(v) != k {
			t.Fatalf("Get(%s) = %q, %v", k, v, ok)
		}
	}
}

func TestHiddenCapacityOne(t *testing.T) {
	c := NewLRU(1)
	for i := 0; i < 100; i++ {
		k := strconv.Itoa(i)
		c.Put(k, []byte(k))
		if v, ok := c.Get(k); !ok || string(v) != k {
			t.Fatalf("Get(%s) = %q, %v", k, v, ok)
		}
		if i > 0 {
			if _, ok := c.Get(strconv.Itoa(i - 1)); ok {
				t.Fatalf("capacity 1: key %d still cached after %d was added", i-1, i)
			}
		}
		if n := c.Len(); n != 1 {
			t.Fatalf("Len() = %d, want 1", n)
		}
	}
}

func TestHiddenSequentialModel(t *testing.T) {
	// Compare with a simple, obviously correct model.
	const capacity = 50
	c := NewLRU(capacity)
	var order []string // most recent last
	model := map[string]string{}
	touch := func(k string) {
		for i, o := range order {
			if o == k {
				order = append(order[:i], order[i+1:]...)
				break
			}
		}
		order = append(order, k)
	}
	x := uint32(12345)
	for step := 0; step < 5000; step++ {
		x = x*1664525 + 1013904223
		k := strconv.Itoa(int(x>>16) % 120)
		if x%3 == 0 {
			v := fmt.Sprintf("%s@%d", k, step)
			c.Put(k, []byte(v))
			model[k] = v
			touch(k)
			if len(order) > capacity {
				delete(model, order[0])
				order = order[1:]
			}
			continue
		}
		got, ok := c.Get(k)
		want, wantOK := model[k]
		if ok != wantOK || string(got) != want {
			t.Fatalf("step %d: Get(%s) = %q, %v; want %q, %v", step, k, got, ok, want, wantOK)
		}
		if ok {
			touch(k)
		}
	}
	if n := c.Len(); n != len(model) {
		t.Fatalf("Len() = %d, want %d", n, len(model))
	}
}

// Many goroutines, overlapping keys: the cache never exceeds its capacity,
// and a hit always returns a value that was stored for that key.
func TestHiddenConcurrentMixed(t *testing.T) {
	const capacity = 128
	c := NewLRU(capacity)
	var wg sync.WaitGroup
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				k := strconv.Itoa((g*31 + i*7) % 300)
				switch i % 5 {
				case 0, 1:
					c.Put(k, []byte("v"+k))
				case 4:
					if n := c.Len(); n > capacity || n < 0 {
						t.Errorf("Len() = %d, capacity %d", n, capacity)
						return
					}
				default:
					if v, ok := c.Get(k); ok && string(v) != "v"+k {
						t.Errorf("Get(%s) = %q, want v%s", k, v, k)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if n := c.Len(); n != capacity {
		t.Fatalf("Len() = %d after 300 distinct keys, want %d", n, capacity)
	}
}

// The incident from the pprof session: a long-running process streams many
// large records through a small cache. Live memory must stay around
// capacity x record size (a few MiB here), not grow with the number of
// records ever seen. Runs inside the item's memory limit.
func TestHiddenEvictedPayloadsAreReleased(t *testing.T) {
	const capacity, size = 64, 128 << 10
	records := 6144 // 768 MiB streamed through the cache
	if testRaceBuild() {
		// The race runtime makes big allocations slow; the plain run already
		// checks the memory bound, this one only checks behaviour.
		records = 512
	}
	c := NewLRU(capacity)
	for i := 0; i < records; i++ {
		payload := make([]byte, size)
		for j := 0; j < size; j += 512 { // touch every page: a real record has content
			payload[j] = byte(i)
		}
		c.Put("rec-"+strconv.Itoa(i), payload)
	}
	if n := c.Len(); n != capacity {
		t.Fatalf("Len() = %d, want %d", n, capacity)
	}
	if _, ok := c.Get("rec-0"); ok {
		t.Fatal("rec-0 should have been evicted long ago")
	}
}

func testRaceBuild() bool {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "-race" {
				return s.Value == "true"
			}
		}
	}
	return false
}
