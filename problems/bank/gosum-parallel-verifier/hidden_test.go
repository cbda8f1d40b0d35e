package solution

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func testMods(n int) ([]Module, map[Module]string) {
	mods := make([]Module, n)
	sums := map[Module]string{}
	for i := range mods {
		mods[i] = Module{fmt.Sprintf("example.com/m%d", i), "v1.0.0"}
		sums[mods[i]] = Hash([]byte(mods[i].Path))
	}
	return mods, sums
}

func testHonestFetch(ctx context.Context, m Module) ([]byte, error) {
	return []byte(m.Path), nil
}

// testUnjoin flattens the errors.Join tree one level and keeps the *VerifyError values.
func testUnjoin(err error) []*VerifyError {
	var out []*VerifyError
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else if err != nil {
		list = []error{err}
	}
	for _, e := range list {
		var ve *VerifyError
		if errors.As(e, &ve) {
			out = append(out, ve)
		}
	}
	return out
}

type testNetError struct{ host string }

func (e *testNetError) Error() string { return "dial " + e.host + ": connection refused" }

func TestHiddenParseSums(t *testing.T) {
	input := "\n" +
		"golang.org/x/sync v0.24.0 h1:abc=\n" +
		"golang.org/x/sync v0.24.0/go.mod h1:def=\n" +
		"   \n" +
		"go.uber.org/goleak v1.3.0 h1:2K3zAYmnTNqV73imy9J1T3WC+gmCePx2hEGkimedGto=\n"
	sums, err := ParseSums(strings.NewReader(input))
	if err != nil {
		t.Fatal(err)
	}
	want := map[Module]string{
		{"golang.org/x/sync", "v0.24.0"}: "h1:abc=",
		{"go.uber.org/goleak", "v1.3.0"}: "h1:2K3zAYmnTNqV73imy9J1T3WC+gmCePx2hEGkimedGto=",
	}
	if len(sums) != len(want) {
		t.Fatalf("ParseSums = %v, want %v", sums, want)
	}
	for m, h := range want {
		if sums[m] != h {
			t.Fatalf("ParseSums[%v] = %q, want %q", m, sums[m], h)
		}
	}
	for _, bad := range []string{"a v1 h1:x\nonly-two fields\n", "a v1 sha256:xyz\n"} {
		_, err := ParseSums(strings.NewReader(bad))
		if err == nil {
			t.Errorf("ParseSums(%q) returned no error", bad)
		}
	}
	if _, err := ParseSums(strings.NewReader("a v1 h1:x\nb v2 h1:y\nbroken\n")); err == nil || !strings.Contains(err.Error(), "3") {
		t.Errorf("error %v should give the line number 3", err)
	}
}

func TestHiddenAllGood(t *testing.T) {
	mods, sums := testMods(30)
	var calls atomic.Int32
	fetch := func(ctx context.Context, m Module) ([]byte, error) {
		calls.Add(1)
		return testHonestFetch(ctx, m)
	}
	if err := Verify(context.Background(), mods, sums, fetch, 4); err != nil {
		t.Fatalf("Verify = %v, want nil", err)
	}
	if calls.Load() != 30 {
		t.Fatalf("fetch called %d times for 30 modules", calls.Load())
	}
	if err := Verify(context.Background(), nil, sums, fetch, 4); err != nil {
		t.Fatalf("Verify of no modules = %v, want nil", err)
	}
}

func TestHiddenBoundedConcurrency(t *testing.T) {
	mods, sums := testMods(40)
	var inflight, peak atomic.Int32
	fetch := func(ctx context.Context, m Module) ([]byte, error) {
		n := inflight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
		inflight.Add(-1)
		return testHonestFetch(ctx, m)
	}
	if err := Verify(context.Background(), mods, sums, fetch, 4); err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p > 4 || p < 2 {
		t.Fatalf("peak of %d fetches in flight with workers=4, want 2..4", p)
	}
}

func TestHiddenEveryFailureIsReportedInOrder(t *testing.T) {
	mods, sums := testMods(12)
	delete(sums, mods[2])  // missing go.sum entry
	delete(sums, mods[9])  // another one
	tampered := mods[5]    // checksum mismatch
	unreachable := mods[7] // download error
	var fetched sync.Map
	fetch := func(ctx context.Context, m Module) ([]byte, error) {
		fetched.Store(m, true)
		switch m {
		case tampered:
			return []byte("evil"), nil
		case unreachable:
			return nil, &testNetError{host: "proxy.golang.org"}
		}
		return testHonestFetch(ctx, m)
	}
	err := Verify(context.Background(), mods, sums, fetch, 3)
	if !errors.Is(err, ErrMissingSum) || !errors.Is(err, ErrChecksumMismatch) {
		t.Fatalf("Verify = %v, want it to wrap ErrMissingSum and ErrChecksumMismatch", err)
	}
	var ne *testNetError
	if !errors.As(err, &ne) || ne.host != "proxy.golang.org" {
		t.Fatalf("Verify = %v, want the download error to stay reachable with errors.As", err)
	}
	got := testUnjoin(err)
	want := []Module{mods[2], tampered, unreachable, mods[9]}
	if len(got) != len(want) {
		t.Fatalf("%d *VerifyError in the joined error, want %d: %v", len(got), len(want), err)
	}
	for i, ve := range got {
		if ve.Module != want[i] {
			t.Fatalf("failure %d is for %v, want %v (failures follow the order of mods)", i, ve.Module, want[i])
		}
	}
	if !strings.Contains(err.Error(), tampered.Path+"@v1.0.0") {
		t.Fatalf("message %q does not name %s@v1.0.0", err, tampered.Path)
	}
	for _, m := range []Module{mods[2], mods[9]} {
		if _, ok := fetched.Load(m); ok {
			t.Fatalf("%v has no go.sum entry, but it was downloaded", m)
		}
	}
}

func TestHiddenCancellationStopsPromptly(t *testing.T) {
	mods, sums := testMods(50)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var started atomic.Int32
	three := make(chan struct{})
	fetch := func(ctx context.Context, m Module) ([]byte, error) {
		if started.Add(1) == 3 {
			close(three)
		}
		<-ctx.Done() // a slow proxy
		return nil, ctx.Err()
	}
	res := make(chan error, 1)
	go func() { res <- Verify(ctx, mods, sums, fetch, 3) }()
	select {
	case <-three:
	case <-time.After(2 * time.Second):
		t.Fatalf("three fetches did not start within 2s")
	}
	cancel()
	select {
	case err := <-res:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Verify = %v, want an error wrapping context.Canceled", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatalf("Verify did not return within 2s of cancellation")
	}
	if n := started.Load(); n > 6 {
		t.Fatalf("%d fetches started after cancellation with workers=3", n)
	}
}

func TestHiddenConcurrentVerifications(t *testing.T) {
	mods, sums := testMods(25)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fetch := testHonestFetch
			if i%2 == 1 {
				fetch = func(ctx context.Context, m Module) ([]byte, error) {
					if m == mods[i] {
						return []byte("other"), nil
					}
					return testHonestFetch(ctx, m)
				}
			}
			err := Verify(context.Background(), mods, sums, fetch, 1+i%4)
			if i%2 == 0 && err != nil {
				t.Errorf("verification %d: %v", i, err)
			}
			if i%2 == 1 {
				if got := testUnjoin(err); len(got) != 1 || got[0].Module != mods[i] {
					t.Errorf("verification %d: %v", i, err)
				}
			}
		}()
	}
	wg.Wait()
}
