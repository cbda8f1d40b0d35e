package solution

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func testServe(h http.Handler, ctx context.Context) (int, string) {
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, strings.TrimSpace(rec.Body.String())
}

func TestExampleHealthy(t *testing.T) {
	h := HealthHandler(time.Second, func(context.Context) error { return nil })
	if code, body := testServe(h, context.Background()); code != http.StatusOK || body != "ok" {
		t.Fatalf("got %d %q; want 200 \"ok\"", code, body)
	}
}

func TestExampleUnhealthy(t *testing.T) {
	h := HealthHandler(time.Second, func(context.Context) error { return errors.New("db down") })
	if code, body := testServe(h, context.Background()); code != http.StatusServiceUnavailable || body != "unhealthy: db down" {
		t.Fatalf("got %d %q; want 503 \"unhealthy: db down\"", code, body)
	}
}

func TestExampleTimeout(t *testing.T) {
	seen := make(chan error, 1)
	h := HealthHandler(50*time.Millisecond, func(ctx context.Context) error {
		<-ctx.Done()
		seen <- ctx.Err()
		return ctx.Err()
	})
	if code, body := testServe(h, context.Background()); code != http.StatusGatewayTimeout || body != "timeout" {
		t.Fatalf("got %d %q; want 504 \"timeout\"", code, body)
	}
	select {
	case err := <-seen:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("check saw %v; want context.DeadlineExceeded", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the check's context was not done 5s after the handler answered")
	}
}
