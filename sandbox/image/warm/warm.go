package solution

import (
	"bufio"
	"bytes"
	"container/heap"
	"container/list"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log"
	"log/slog"
	"maps"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"reflect"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"
	"golang.org/x/sync/singleflight"
)

// warmErrClosed is a typical sentinel error.
var warmErrClosed = errors.New("closed")

// warmCounter is a mutex-protected map, the classic first exercise.
type warmCounter struct {
	mu sync.Mutex
	m  map[string]int
	n  atomic.Int64
}

func (c *warmCounter) Inc(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = make(map[string]int)
	}
	c.m[key]++
	c.n.Add(1)
}

func (c *warmCounter) Snapshot() map[string]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.m)
}

// warmKeys yields the sorted keys of m (range-over-func).
func warmKeys(m map[string]int) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !yield(k) {
				return
			}
		}
	}
}

// warmPipeline squares numbers through a bounded worker pool.
func warmPipeline(ctx context.Context, in []int, workers int64) ([]int, error) {
	g, ctx := errgroup.WithContext(ctx)
	sem := semaphore.NewWeighted(workers)
	out := make([]int, len(in))
	for i, v := range in {
		if err := sem.Acquire(ctx, 1); err != nil {
			return nil, err
		}
		g.Go(func() error {
			defer sem.Release(1)
			select {
			case <-ctx.Done():
				return ctx.Err()
			default:
			}
			out[i] = v * v
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("pipeline: %w", err)
	}
	return out, nil
}

var warmGroup singleflight.Group

// warmLoad deduplicates concurrent loads of the same key.
func warmLoad(key string) (string, error) {
	v, err, _ := warmGroup.Do(key, func() (any, error) {
		time.Sleep(time.Millisecond)
		return strings.ToUpper(key), nil
	})
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// warmQueue is a tiny priority queue over container/heap.
type warmQueue []int

func (q warmQueue) Len() int           { return len(q) }
func (q warmQueue) Less(i, j int) bool { return q[i] < q[j] }
func (q warmQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *warmQueue) Push(x any)        { *q = append(*q, x.(int)) }
func (q *warmQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// warmLRU is a list+map LRU guarded by an RWMutex.
type warmLRU struct {
	mu    sync.RWMutex
	cap   int
	ll    *list.List
	items map[string]*list.Element
}

type warmLRUEntry struct {
	Key   string `json:"key"`
	Value int    `json:"value"`
}

func newWarmLRU(capacity int) *warmLRU {
	return &warmLRU{cap: capacity, ll: list.New(), items: map[string]*list.Element{}}
}

func (c *warmLRU) Put(k string, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		e.Value.(*warmLRUEntry).Value = v
		c.ll.MoveToFront(e)
		return
	}
	c.items[k] = c.ll.PushFront(&warmLRUEntry{k, v})
	if c.ll.Len() > c.cap {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*warmLRUEntry).Key)
	}
}

func (c *warmLRU) Get(k string) (int, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if e, ok := c.items[k]; ok {
		return e.Value.(*warmLRUEntry).Value, true
	}
	return 0, false
}

// warmJSON round-trips the LRU contents through encoding/json.
func (c *warmLRU) warmJSON() ([]byte, error) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var entries []warmLRUEntry
	for e := c.ll.Front(); e != nil; e = e.Next() {
		entries = append(entries, *e.Value.(*warmLRUEntry))
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Key < entries[j].Key })
	return json.Marshal(entries)
}

// warmHandler is an http.Handler with a shared counter.
func warmHandler(c *warmCounter) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /hit/{name}", func(w http.ResponseWriter, r *http.Request) {
		c.Inc(r.PathValue("name"))
		w.Header().Set("Content-Type", "application/json")
		if err := json.NewEncoder(w).Encode(c.Snapshot()); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
		}
	})
	return mux
}

// warmMisc touches the remaining imports the way exercises do.
func warmMisc(w io.Writer) error {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	logger := log.New(bw, "warm ", 0)
	logger.Printf("procs=%d goroutines=%d", runtime.GOMAXPROCS(0), runtime.NumGoroutine())
	slog.New(slog.NewTextHandler(bw, nil)).Info("warm", "n", rand.IntN(10), "size", unsafe.Sizeof(warmCounter{}))
	if err := bw.Flush(); err != nil {
		return err
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		fmt.Fprintln(&buf, bi.GoVersion)
	}
	n, err := strconv.Atoi("42")
	if err != nil {
		return err
	}
	fmt.Fprintf(&buf, "%d %v %d %v\n", n, reflect.TypeOf(warmQueue{}).Kind(), utf8.RuneCountInString("héllo"), math.Sqrt(2))
	if _, err := os.Stat(os.TempDir()); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	_, err = io.Copy(w, &buf)
	return err
}

// warmDrain pushes x and pops everything in priority order.
func warmDrain(q *warmQueue, x int) []int {
	heap.Init(q)
	heap.Push(q, x)
	var out []int
	for q.Len() > 0 {
		out = append(out, heap.Pop(q).(int))
	}
	return out
}
