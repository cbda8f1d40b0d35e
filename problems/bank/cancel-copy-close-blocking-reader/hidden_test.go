package solution

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"
	"time"
)

var errTestClosed = errors.New("read on closed source")

type testSpec struct {
	data    string
	chunk   int           // max bytes per Read (default 5)
	readErr error         // returned once data is exhausted
	block   bool          // once data is exhausted, block until Close
	trickle time.Duration // once data is exhausted, return "~" every trickle until Close (gives up after 3s)
	openErr error
}

// testFS hands out sources and records how they were opened and closed.
type testFS struct {
	mu        sync.Mutex
	specs     map[string]testSpec
	open      int
	maxOpen   int
	opened    []string
	unclosed  map[string]bool
	blockedCh chan string // receives a name when its Read starts blocking
}

func newTestFS(specs map[string]testSpec) *testFS {
	return &testFS{specs: specs, unclosed: map[string]bool{}, blockedCh: make(chan string, 16)}
}

func (fs *testFS) Open(name string) (io.ReadCloser, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	spec, ok := fs.specs[name]
	if !ok {
		return nil, fmt.Errorf("no such source %q", name)
	}
	if spec.openErr != nil {
		return nil, spec.openErr
	}
	fs.open++
	if fs.open > fs.maxOpen {
		fs.maxOpen = fs.open
	}
	fs.opened = append(fs.opened, name)
	fs.unclosed[name] = true
	if spec.chunk == 0 {
		spec.chunk = 5
	}
	return &testSource{fs: fs, name: name, spec: spec, closed: make(chan struct{})}, nil
}

func (fs *testFS) report() (maxOpen int, opened []string, unclosed []string) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for n := range fs.unclosed {
		unclosed = append(unclosed, n)
	}
	return fs.maxOpen, append([]string(nil), fs.opened...), unclosed
}

type testSource struct {
	fs        *testFS
	name      string
	spec      testSpec
	pos       int
	closeOnce sync.Once
	closed    chan struct{}
	deadline  time.Time
}

func (s *testSource) Read(p []byte) (int, error) {
	select {
	case <-s.closed:
		return 0, errTestClosed
	default:
	}
	if s.pos < len(s.spec.data) {
		n := min(len(p), s.spec.chunk, len(s.spec.data)-s.pos)
		copy(p, s.spec.data[s.pos:s.pos+n])
		s.pos += n
		return n, nil
	}
	switch {
	case s.spec.readErr != nil:
		return 0, s.spec.readErr
	case s.spec.block:
		select {
		case s.fs.blockedCh <- s.name:
		default:
		}
		<-s.closed
		return 0, errTestClosed
	case s.spec.trickle > 0:
		if s.deadline.IsZero() {
			s.deadline = time.Now().Add(3 * time.Second)
		}
		if time.Now().After(s.deadline) {
			return 0, io.EOF
		}
		select {
		case <-s.closed:
			return 0, errTestClosed
		case <-time.After(s.spec.trickle):
			if len(p) == 0 {
				return 0, nil
			}
			p[0] = '~'
			return 1, nil
		}
	}
	return 0, io.EOF
}

// Close may be called concurrently with Read and more than once.
func (s *testSource) Close() error {
	s.closeOnce.Do(func() {
		s.fs.mu.Lock()
		s.fs.open--
		delete(s.fs.unclosed, s.name)
		s.fs.mu.Unlock()
		close(s.closed)
	})
	return nil
}

func testNames(prefix string, n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return names
}

func testPlainSpecs(names []string) (map[string]testSpec, string) {
	specs := map[string]testSpec{}
	var all strings.Builder
	for i, n := range names {
		d := fmt.Sprintf("[%s:%s]", n, strings.Repeat("x", i%13))
		specs[n] = testSpec{data: d, chunk: 1 + i%7}
		all.WriteString(d)
	}
	return specs, all.String()
}

func testCheckAllClosed(t *testing.T, fs *testFS) {
	t.Helper()
	maxOpen, _, unclosed := fs.report()
	if len(unclosed) > 0 {
		t.Fatalf("sources never closed: %v", unclosed)
	}
	if maxOpen > 1 {
		t.Fatalf("%d sources were open at the same time, want at most 1", maxOpen)
	}
}

func TestHiddenCopiesInOrder(t *testing.T) {
	names := testNames("s", 30)
	specs, want := testPlainSpecs(names)
	fs := newTestFS(specs)
	var dst bytes.Buffer
	if err := CopyAll(context.Background(), &dst, names, fs.Open); err != nil {
		t.Fatalf("CopyAll: %v", err)
	}
	if dst.String() != want {
		t.Fatalf("dst = %q, want %q", dst.String(), want)
	}
	testCheckAllClosed(t, fs)
}

func TestHiddenEmptyList(t *testing.T) {
	fs := newTestFS(nil)
	var dst bytes.Buffer
	if err := CopyAll(context.Background(), &dst, nil, fs.Open); err != nil || dst.Len() != 0 {
		t.Fatalf("CopyAll(nil) = %v with %d bytes written", err, dst.Len())
	}
}

func TestHiddenManySourcesOneAtATime(t *testing.T) {
	// The process has a small file-descriptor budget: sources must be closed
	// as soon as they are copied, not when CopyAll returns.
	names := testNames("f", 200)
	specs, want := testPlainSpecs(names)
	fs := newTestFS(specs)
	var dst bytes.Buffer
	if err := CopyAll(context.Background(), &dst, names, fs.Open); err != nil {
		t.Fatalf("CopyAll: %v", err)
	}
	if dst.String() != want {
		t.Fatal("dst content differs from the concatenated sources")
	}
	testCheckAllClosed(t, fs)
}

func TestHiddenOpenErrorStops(t *testing.T) {
	names := testNames("o", 6)
	specs, _ := testPlainSpecs(names)
	errDenied := errors.New("permission denied")
	specs["o3"] = testSpec{openErr: errDenied}
	fs := newTestFS(specs)
	var dst bytes.Buffer
	err := CopyAll(context.Background(), &dst, names, fs.Open)
	if !errors.Is(err, errDenied) {
		t.Fatalf("err = %v, want one wrapping %v", err, errDenied)
	}
	_, opened, _ := fs.report()
	if len(opened) != 3 {
		t.Fatalf("opened %v; want exactly o0..o2 (stop at the first error)", opened)
	}
	if !strings.HasPrefix(dst.String(), "[o0:][o1:x][o2:xx]") || dst.Len() != len("[o0:][o1:x][o2:xx]") {
		t.Fatalf("dst = %q", dst.String())
	}
	testCheckAllClosed(t, fs)
}

func TestHiddenReadErrorClosesSource(t *testing.T) {
	errReset := errors.New("connection reset by peer")
	specs := map[string]testSpec{
		"a": {data: "first"},
		"b": {data: "half", readErr: errReset},
		"c": {data: "never"},
	}
	fs := newTestFS(specs)
	var dst bytes.Buffer
	err := CopyAll(context.Background(), &dst, []string{"a", "b", "c"}, fs.Open)
	if !errors.Is(err, errReset) {
		t.Fatalf("err = %v, want one wrapping %v", err, errReset)
	}
	if dst.String() != "firsthalf" {
		t.Fatalf("dst = %q, want %q", dst.String(), "firsthalf")
	}
	_, opened, _ := fs.report()
	if len(opened) != 2 {
		t.Fatalf("opened %v after a read error, want [a b]", opened)
	}
	testCheckAllClosed(t, fs)
}

func TestHiddenAlreadyCancelled(t *testing.T) {
	names := testNames("c", 5)
	specs, _ := testPlainSpecs(names)
	fs := newTestFS(specs)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var dst bytes.Buffer
	err := CopyAll(ctx, &dst, names, fs.Open)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	testCheckAllClosed(t, fs)
}

func TestHiddenCancelWhileReadBlocks(t *testing.T) {
	specs := map[string]testSpec{
		"head": {data: "HEAD"},
		"conn": {data: "partial-body", block: true},
		"tail": {data: "TAIL"},
	}
	fs := newTestFS(specs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var cancelledAt time.Time
	var cancelMu sync.Mutex
	go func() {
		<-fs.blockedCh // the copy of "conn" is now stuck in Read
		cancelMu.Lock()
		cancelledAt = time.Now()
		cancelMu.Unlock()
		cancel()
	}()
	var dst bytes.Buffer
	err := CopyAll(ctx, &dst, []string{"head", "conn", "tail"}, fs.Open)
	returned := time.Now()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	cancelMu.Lock()
	took := returned.Sub(cancelledAt)
	cancelMu.Unlock()
	if took > 2*time.Second {
		t.Fatalf("CopyAll returned %v after cancellation", took)
	}
	if got := dst.String(); got != "HEADpartial-body" {
		t.Fatalf("dst = %q, want %q", got, "HEADpartial-body")
	}
	testCheckAllClosed(t, fs)
	if _, opened, _ := fs.report(); len(opened) != 2 {
		t.Fatalf("opened %v, want [head conn]", opened)
	}
}

func TestHiddenDeadlineDuringSlowStream(t *testing.T) {
	// A stream that keeps trickling data: the copier is busy writing to dst
	// when the deadline fires.
	specs := map[string]testSpec{
		"head":   {data: "HEAD"},
		"stream": {data: "S", trickle: 50 * time.Microsecond},
	}
	fs := newTestFS(specs)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	var dst bytes.Buffer
	start := time.Now()
	err := CopyAll(ctx, &dst, []string{"head", "stream"}, fs.Open)
	took := time.Since(start)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if took > 2*time.Second {
		t.Fatalf("CopyAll took %v with a 30ms deadline", took)
	}
	got := dst.String()
	if !strings.HasPrefix(got, "HEADS") || strings.Trim(got[len("HEADS"):], "~") != "" {
		t.Fatalf("dst = %q, want HEADS followed by ~", got)
	}
	testCheckAllClosed(t, fs)
}

func TestHiddenConcurrentCopies(t *testing.T) {
	const n = 24
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			names := testNames(fmt.Sprintf("g%d-", i), 20)
			specs, want := testPlainSpecs(names)
			ctx := context.Background()
			if i%3 == 0 {
				specs[names[10]] = testSpec{data: "slow", trickle: 100 * time.Microsecond}
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, 10*time.Millisecond)
				defer cancel()
			}
			fs := newTestFS(specs)
			var dst bytes.Buffer
			err := CopyAll(ctx, &dst, names, fs.Open)
			if i%3 == 0 {
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("copy %d: err = %v, want deadline exceeded", i, err)
				}
			} else if err != nil || dst.String() != want {
				t.Errorf("copy %d: err = %v, dst ok = %v", i, err, dst.String() == want)
			}
			maxOpen, _, unclosed := fs.report()
			if maxOpen > 1 || len(unclosed) > 0 {
				t.Errorf("copy %d: max open %d, unclosed %v", i, maxOpen, unclosed)
			}
		}()
	}
	wg.Wait()
}
