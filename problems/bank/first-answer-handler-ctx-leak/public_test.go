package solution

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// testServe runs one request and fails the test if the handler does not return in time.
func testServe(t *testing.T, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(rec, req)
	}()
	select {
	case <-done:
		return rec
	case <-time.After(2 * time.Second):
		t.Fatalf("handler did not return within 2s")
		return nil
	}
}

func TestExampleFirstAnswerWins(t *testing.T) {
	stopped := make(chan struct{})
	slow := func(ctx context.Context, q string) (string, error) {
		<-ctx.Done() // a slow backend that only gives up when told to
		close(stopped)
		return "", ctx.Err()
	}
	fast := func(ctx context.Context, q string) (string, error) {
		return "fast answer to " + q, nil
	}
	h := NewFirstAnswerHandler(slow, fast)

	rec := testServe(t, h, httptest.NewRequest(http.MethodGet, "/?q=go", nil))
	if rec.Code != http.StatusOK || rec.Body.String() != "fast answer to go" {
		t.Fatalf("got %d %q, want 200 %q", rec.Code, rec.Body.String(), "fast answer to go")
	}
	select {
	case <-stopped:
	case <-time.After(1 * time.Second):
		t.Fatalf("the slow backend was not cancelled within 1s of the answer being sent")
	}
}

func TestExampleAllBackendsFail(t *testing.T) {
	boom := func(ctx context.Context, q string) (string, error) { return "", errors.New("boom") }
	h := NewFirstAnswerHandler(boom, boom)

	rec := testServe(t, h, httptest.NewRequest(http.MethodGet, "/?q=go", nil))
	if rec.Code != http.StatusBadGateway {
		t.Fatalf("got status %d, want %d", rec.Code, http.StatusBadGateway)
	}
}
