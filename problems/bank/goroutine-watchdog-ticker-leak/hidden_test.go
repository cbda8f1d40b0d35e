package solution

import (
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestHiddenExcursionsAndRearming(t *testing.T) {
	s := testNewScript(0, 1, 11, 12, 13, 5, 20, 20, 10, 15, 3, 11, 0)
	var r testRecorder
	w := NewWatchdog(time.Millisecond, 10, s.sample, r.onAlert)
	w.Start()
	testWaitClosed(t, s.exhausted, "the scripted samples to be taken")
	testStop(t, w)
	want := []int{11, 20, 15, 11}
	if got := w.Alerts(); !slices.Equal(got, want) {
		t.Fatalf("Alerts() = %v, want %v", got, want)
	}
	if got := r.list(); !slices.Equal(got, want) {
		t.Fatalf("onAlert saw %v, want %v", got, want)
	}
}

func TestHiddenFirstSampleAboveThreshold(t *testing.T) {
	s := testNewScript(50, 50, 50)
	var r testRecorder
	w := NewWatchdog(time.Millisecond, 10, s.sample, r.onAlert)
	w.Start()
	testWaitClosed(t, s.exhausted, "the scripted samples to be taken")
	testStop(t, w)
	if got := w.Alerts(); !slices.Equal(got, []int{50}) {
		t.Fatalf("Alerts() = %v, want [50]: staying above the threshold is one excursion", got)
	}
}

func TestHiddenStopTwiceAndConcurrently(t *testing.T) {
	s := testNewScript(0, 1, 2, 3)
	w := NewWatchdog(time.Millisecond, 10, s.sample, func(int) {})
	w.Start()
	testWaitClosed(t, s.exhausted, "the scripted samples to be taken")

	var wg sync.WaitGroup
	done := make(chan struct{})
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.Stop()
		}()
	}
	go func() { wg.Wait(); close(done) }()
	testWaitClosed(t, done, "8 concurrent Stop calls to return")
	testStop(t, w) // and once more, after it is already stopped
	s.stopped.Store(true)
	time.Sleep(10 * time.Millisecond)
	if n := s.late.Load(); n != 0 {
		t.Fatalf("sample was called %d times after Stop returned", n)
	}
}

// No timeout on purpose: a watchdog that calls onAlert while holding its own lock
// deadlocks here, because the callback reads Alerts.
func TestHiddenOnAlertMayCallAlerts(t *testing.T) {
	s := testNewScript(0, 20, 0, 30, 0, 40, 0)
	var w *Watchdog
	var mu sync.Mutex
	var seen [][]int
	w = NewWatchdog(time.Millisecond, 10, s.sample, func(n int) {
		a := w.Alerts()
		mu.Lock()
		seen = append(seen, a)
		mu.Unlock()
	})
	w.Start()
	<-s.exhausted
	w.Stop()
	mu.Lock()
	defer mu.Unlock()
	want := [][]int{{20}, {20, 30}, {20, 30, 40}}
	if !slices.EqualFunc(seen, want, slices.Equal) {
		t.Fatalf("Alerts() seen from inside onAlert = %v, want %v", seen, want)
	}
}

func TestHiddenAlertsWhileRunning(t *testing.T) {
	var values []int
	for i := range 200 {
		if i%2 == 0 {
			values = append(values, 100+i)
		} else {
			values = append(values, 0)
		}
	}
	s := testNewScript(0, values...)
	w := NewWatchdog(100*time.Microsecond, 10, s.sample, func(int) {})
	w.Start()

	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prev := 0
			for {
				a := w.Alerts()
				if len(a) < prev {
					t.Errorf("Alerts() shrank from %d to %d entries", prev, len(a))
					return
				}
				prev = len(a)
				select {
				case <-s.exhausted:
					return
				default:
					runtime.Gosched()
				}
			}
		}()
	}
	testWaitClosed(t, s.exhausted, "200 samples")
	wg.Wait()
	testStop(t, w)
	if got := len(w.Alerts()); got != 100 {
		t.Fatalf("len(Alerts()) = %d, want 100", got)
	}
}

func TestHiddenAlertsReturnsACopy(t *testing.T) {
	s := testNewScript(0, 50, 0, 60, 0)
	w := NewWatchdog(time.Millisecond, 10, s.sample, func(int) {})
	w.Start()
	testWaitClosed(t, s.exhausted, "the scripted samples to be taken")
	testStop(t, w)
	a := w.Alerts()
	if len(a) != 2 {
		t.Fatalf("Alerts() = %v, want [50 60]", a)
	}
	a[0] = -1
	if b := w.Alerts(); b[0] != 50 {
		t.Fatalf("changing the slice returned by Alerts changed the watchdog: %v", b)
	}
}

func TestHiddenManyWatchdogs(t *testing.T) {
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := testNewScript(0, 5, 100+i, 100+i, 5, 200+i, 5)
			var r testRecorder
			w := NewWatchdog(time.Millisecond, 10, s.sample, r.onAlert)
			w.Start()
			select {
			case <-s.exhausted:
			case <-time.After(3 * time.Second):
				t.Errorf("watchdog %d: samples not taken within 3s", i)
			}
			stopped := make(chan struct{})
			go func() { w.Stop(); close(stopped) }()
			select {
			case <-stopped:
			case <-time.After(3 * time.Second):
				t.Errorf("watchdog %d: Stop did not return within 3s", i)
				return
			}
			if got, want := w.Alerts(), []int{100 + i, 200 + i}; !slices.Equal(got, want) {
				t.Errorf("watchdog %d: Alerts() = %v, want %v", i, got, want)
			}
		}()
	}
	wg.Wait()
}

func TestHiddenRealGoroutineCount(t *testing.T) {
	base := runtime.NumGoroutine()
	threshold := base + 40
	alerted := make(chan int, 1)
	w := NewWatchdog(time.Millisecond, threshold, runtime.NumGoroutine, func(n int) {
		select {
		case alerted <- n:
		default:
		}
	})
	w.Start()

	release := make(chan struct{})
	var parked sync.WaitGroup
	for range 100 {
		parked.Add(1)
		go func() {
			defer parked.Done()
			<-release // a "leaked" goroutine parked on a channel receive
		}()
	}
	select {
	case n := <-alerted:
		if n <= threshold {
			t.Errorf("alert with n=%d, not above the threshold %d", n, threshold)
		}
	case <-time.After(2 * time.Second):
		t.Errorf("no alert within 2s although %d goroutines are parked", 100)
	}
	close(release)
	parked.Wait()
	testStop(t, w)
}
