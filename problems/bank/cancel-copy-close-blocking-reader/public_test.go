package solution

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// exampleSource is a tiny in-memory source; Read blocks once the data is
// exhausted if block is set, until Close is called.
type exampleSource struct {
	r      *strings.Reader
	block  bool
	closed chan struct{}
}

func (s *exampleSource) Read(p []byte) (int, error) {
	if n, _ := s.r.Read(p); n > 0 {
		return n, nil
	}
	if s.block {
		<-s.closed
		return 0, errors.New("read on closed source")
	}
	return 0, io.EOF
}

func (s *exampleSource) Close() error {
	select {
	case <-s.closed:
	default:
		close(s.closed)
	}
	return nil
}

func TestCopyAllExample(t *testing.T) {
	var dst bytes.Buffer
	open := func(name string) (io.ReadCloser, error) {
		return &exampleSource{r: strings.NewReader("<" + name + ">"), closed: make(chan struct{})}, nil
	}
	if err := CopyAll(context.Background(), &dst, []string{"a", "b", "c"}, open); err != nil {
		t.Fatalf("CopyAll: %v", err)
	}
	if got := dst.String(); got != "<a><b><c>" {
		t.Fatalf("dst = %q, want %q", got, "<a><b><c>")
	}
}

func TestCopyAllDeadlineWhileReadBlocks(t *testing.T) {
	var dst bytes.Buffer
	src := &exampleSource{r: strings.NewReader("partial"), block: true, closed: make(chan struct{})}
	open := func(string) (io.ReadCloser, error) { return src, nil }
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := CopyAll(ctx, &dst, []string{"slow"}, open)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	select {
	case <-src.closed:
	default:
		t.Fatal("the source was not closed")
	}
	if got := dst.String(); got != "partial" {
		t.Fatalf("dst = %q, want %q", got, "partial")
	}
}
