package solution

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestHiddenManyFunctionsReverseOrder(t *testing.T) {
	var c Cleanup
	var order []int
	for i := 0; i < 1000; i++ {
		c.Defer(func() { order = append(order, i) })
	}
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	for i, v := range order {
		if v != 999-i {
			t.Fatalf("position %d ran %d, want %d", i, v, 999-i)
		}
	}
	if len(order) != 1000 {
		t.Fatalf("ran %d functions, want 1000", len(order))
	}
}

func TestHiddenConcurrentDefer(t *testing.T) {
	var c Cleanup
	var mu sync.Mutex
	perG := make([][]int, 50)
	var wg sync.WaitGroup
	for g := 0; g < 50; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				c.Defer(func() {
					mu.Lock()
					perG[g] = append(perG[g], i)
					mu.Unlock()
				})
			}
		}()
	}
	wg.Wait()
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	for g, got := range perG {
		if len(got) != 100 {
			t.Fatalf("goroutine %d: %d of its 100 functions ran", g, len(got))
		}
		if !slices.IsSortedFunc(got, func(a, b int) int { return b - a }) {
			t.Fatalf("goroutine %d: its functions ran in order %v, want newest first", g, got[:10])
		}
	}
}

func TestHiddenDeferFromInsideACleanup(t *testing.T) {
	// Called directly: a Run that holds its lock while calling functions never returns.
	var c Cleanup
	var order []string
	c.Defer(func() { order = append(order, "close file") })
	c.Defer(func() {
		order = append(order, "flush")
		c.Defer(func() { order = append(order, "release buffer") })
	})
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(order, ","); got != "flush,release buffer,close file" {
		t.Fatalf("ran %s, want flush,release buffer,close file", got)
	}
}

func TestHiddenEachFunctionRunsOnce(t *testing.T) {
	var c Cleanup
	n := 0
	c.Defer(func() { n++ })
	c.Run()
	c.Run()
	if n != 1 {
		t.Fatalf("function ran %d times over two Runs, want 1", n)
	}
	c.Defer(func() { n += 10 })
	c.Run()
	if n != 11 {
		t.Fatalf("function registered after Run: n = %d, want 11 after the next Run", n)
	}
}

func TestHiddenAllPanicsAreReported(t *testing.T) {
	var c Cleanup
	sentinel := errors.New("sentinel")
	ran := 0
	c.Defer(func() { ran++ })
	c.Defer(func() { panic(sentinel) })
	c.Defer(func() { ran++ })
	c.Defer(func() { panic(fmt.Sprintf("boom %d", 7)) })
	err := c.Run()
	if ran != 2 {
		t.Fatalf("%d of 2 healthy functions ran", ran)
	}
	if err == nil || !strings.Contains(err.Error(), "sentinel") || !strings.Contains(err.Error(), "boom 7") {
		t.Fatalf("Run() = %v, want an error naming both panics", err)
	}
	if err := c.Run(); err != nil {
		t.Fatalf("second Run() = %v, want nil (nothing left)", err)
	}
}

func TestHiddenConcurrentRunsAndDefers(t *testing.T) {
	var c Cleanup
	counts := make([]int, 400)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for g := 0; g < 20; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				id := g*20 + i
				c.Defer(func() {
					mu.Lock()
					counts[id]++
					mu.Unlock()
				})
				if i%5 == 4 {
					if err := c.Run(); err != nil {
						t.Errorf("Run() = %v", err)
					}
				}
			}
		}()
	}
	wg.Wait()
	c.Run()
	for id, n := range counts {
		if n != 1 {
			t.Fatalf("function %d ran %d times, want exactly once", id, n)
		}
	}
}

func TestHiddenRunsDoNotOverlap(t *testing.T) {
	var c Cleanup
	var mu sync.Mutex
	active, maxActive := 0, 0
	enter := func() {
		mu.Lock()
		active++
		maxActive = max(maxActive, active)
		mu.Unlock()
	}
	leave := func() {
		mu.Lock()
		active--
		mu.Unlock()
	}
	for i := 0; i < 200; i++ {
		c.Defer(func() {
			enter()
			for j := 0; j < 100; j++ {
				_ = fmt.Sprint(j)
			}
			leave()
		})
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() { defer wg.Done(); c.Run() }()
	}
	wg.Wait()
	if maxActive != 1 {
		t.Fatalf("%d cleanup functions ran at the same time; Run calls must take turns", maxActive)
	}
}
